from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Review.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_label = resolve('label')
    l_0_since = resolve('since')
    l_0_until = resolve('until')
    l_0_ongoing = resolve('ongoing')
    l_0_today = resolve('today')
    l_0_empty = resolve('empty')
    l_0_headline = resolve('headline')
    l_0_chart = resolve('chart')
    l_0_themes = resolve('themes')
    l_0_criteria = resolve('criteria')
    l_0_missing = resolve('missing')
    l_0_challenges = resolve('challenges')
    l_0_visible = resolve('visible')
    l_0_outside = resolve('outside')
    l_0_shares = resolve('shares')
    l_0_channels = resolve('channels')
    l_0_people = resolve('people')
    l_0_events = resolve('events')
    l_0_coming = resolve('coming')
    l_0_communities = resolve('communities')
    l_0_interviews = resolve('interviews')
    l_0_fix_wins = resolve('fix_wins')
    l_0_unlearned = resolve('unlearned')
    l_0_open_challenges = resolve('open_challenges')
    l_0_entries = resolve('entries')
    l_0_quiet = resolve('quiet')
    try:
        t_1 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    try:
        t_6 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    try:
        t_7 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    yield '---\nvaultkit: generated\nperiod: '
    yield str(environment.finalize((undefined(name='label') if l_0_label is missing else l_0_label)))
    yield '\nsince: '
    yield str(environment.finalize((undefined(name='since') if l_0_since is missing else l_0_since)))
    yield '\nuntil: '
    yield str(environment.finalize((undefined(name='until') if l_0_until is missing else l_0_until)))
    yield '\n---\n# Review '
    yield str(environment.finalize((undefined(name='label') if l_0_label is missing else l_0_label)))
    yield '\n\n<!-- vaultkit:begin review -->\nPrep for the '
    yield str(environment.finalize((undefined(name='label') if l_0_label is missing else l_0_label)))
    yield ' review, '
    yield str(environment.finalize((undefined(name='since') if l_0_since is missing else l_0_since)))
    yield ' to '
    yield str(environment.finalize((undefined(name='until') if l_0_until is missing else l_0_until)))
    yield '. Treat it like a job interview: know your numbers, tell each win as a story with its evidence, and fix what "Before the meeting" lists while there is still time.\n'
    if (undefined(name='ongoing') if l_0_ongoing is missing else l_0_ongoing):
        pass
        yield '\nThe period is not over yet: counted as of '
        yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
        yield '.\n'
    yield '\n'
    if (undefined(name='empty') if l_0_empty is missing else l_0_empty):
        pass
        yield 'Nothing in the vault is dated in this period: no wins, challenges, shares, new people, events or interviews.\n\nTo prepare anyway:\n\n- add the wins you remember as notes in `Brag/` (with `date`, `impact`, `impacted` and `metrics`), or tag list items `#brag` in your daily notes with `impact::`;\n- add the hard parts as notes in `Challenges/` with what you `learned`;\n- check the period: a review usually covers the last six or twelve months.\n'
    else:
        pass
        yield '## Headline numbers\n\n| What | Count |\n|---|---|\n'
        for l_1_h in t_7(environment, (undefined(name='headline') if l_0_headline is missing else l_0_headline), 8):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_h, 'what')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_h, 'count')))
            yield ' |\n'
        l_1_h = missing
        if (undefined(name='chart') if l_0_chart is missing else l_0_chart):
            pass
            yield '\n'
            yield str(environment.finalize((undefined(name='chart') if l_0_chart is missing else l_0_chart)))
            yield '\n'
        yield '\n## Wins by theme\n\n'
        if (undefined(name='themes') if l_0_themes is missing else l_0_themes):
            pass
            yield "Each talking point is built from the win's title, impact, who it helped and numbers: say it out loud, then make it yours.\n\n"
        t_8 = 1
        for l_1_group in t_7(environment, (undefined(name='themes') if l_0_themes is missing else l_0_themes), 144):
            _loop_vars = {}
            pass
            yield '### '
            yield str(environment.finalize(environment.getattr(l_1_group, 'theme')))
            yield ' ('
            yield str(environment.finalize(t_2(context, environment.getattr(l_1_group, 'wins'))))
            yield ')\n\n'
            for l_2_w in t_7(environment, environment.getattr(l_1_group, 'wins'), 134):
                _loop_vars = {}
                pass
                yield '- **'
                yield str(environment.finalize(environment.getattr(l_2_w, 'date')))
                yield '** '
                yield str(environment.finalize(t_1(context, environment.getattr(l_2_w, 'evidence'), '')))
                yield '\n  - Impact: '
                if environment.getattr(l_2_w, 'impact'):
                    pass
                    yield str(environment.finalize(environment.getattr(l_2_w, 'impact')))
                else:
                    pass
                    yield 'not written down yet'
                yield '\n'
                if environment.getattr(l_2_w, 'metrics'):
                    pass
                    yield '  - Numbers: '
                    yield str(environment.finalize(t_1(context, environment.getattr(l_2_w, 'metrics'), '; ')))
                    yield '\n'
                elif (not environment.getattr(l_2_w, 'figures')):
                    pass
                    yield '  - Numbers: none yet\n'
                if environment.getattr(l_2_w, 'impacted'):
                    pass
                    yield '  - Who it helped: '
                    yield str(environment.finalize(t_1(context, environment.getattr(l_2_w, 'impacted'))))
                    yield '\n'
                if environment.getattr(l_2_w, 'visibility'):
                    pass
                    yield '  - Visibility: '
                    yield str(environment.finalize(environment.getattr(l_2_w, 'visibility')))
                    yield '\n'
                yield '  - Talking point: '
                yield str(environment.finalize(t_1(context, environment.getattr(l_2_w, 'story'), '')))
                yield '\n'
            l_2_w = missing
            yield '\n'
            t_8 = 0
        l_1_group = missing
        if t_8:
            pass
            yield 'No wins dated in this period. Add them as notes in `Brag/`, or tag list items `#brag` with `impact::`.\n\n'
        if (undefined(name='criteria') if l_0_criteria is missing else l_0_criteria):
            pass
            yield '## Promotion criteria\n\nThe wins that are evidence for each criterion in `[criteria]` of vaultkit.toml, by their theme.\n\n'
            for l_1_c in t_7(environment, (undefined(name='criteria') if l_0_criteria is missing else l_0_criteria), 140):
                _loop_vars = {}
                pass
                yield '### '
                yield str(environment.finalize(environment.getattr(l_1_c, 'name')))
                yield ' ('
                yield str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'wins'))))
                yield ')\n\n'
                t_9 = 1
                for l_2_w in t_7(environment, environment.getattr(l_1_c, 'wins'), 10):
                    _loop_vars = {}
                    pass
                    yield '- **'
                    yield str(environment.finalize(environment.getattr(l_2_w, 'date')))
                    yield '** '
                    yield str(environment.finalize(t_1(context, environment.getattr(l_2_w, 'evidence'), '')))
                    if environment.getattr(l_2_w, 'impact'):
                        pass
                        yield ': '
                        yield str(environment.finalize(environment.getattr(l_2_w, 'impact')))
                    yield '\n'
                    t_9 = 0
                l_2_w = missing
                if t_9:
                    pass
                    yield 'No evidence yet: no win in this period has the theme '
                    yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'themes'), ' or ')))
                    yield '. Find one before the meeting, or say what you are doing about it.\n'
                yield '\n'
            l_1_c = missing
            l_0_missing = t_3(context, t_4(context, t_5(context, (undefined(name='criteria') if l_0_criteria is missing else l_0_criteria), 'wins'), attribute='name'))
            context.vars['missing'] = l_0_missing
            context.exported_vars.add('missing')
            if (undefined(name='missing') if l_0_missing is missing else l_0_missing):
                pass
                yield 'Criteria with no evidence yet: '
                yield str(environment.finalize(t_1(context, (undefined(name='missing') if l_0_missing is missing else l_0_missing))))
                yield '.\n\n'
        yield '## Challenges and what I learned\n\n'
        if (undefined(name='challenges') if l_0_challenges is missing else l_0_challenges):
            pass
            yield '| Date | Challenge | Status | What I learned |\n|---|---|---|---|\n'
            for l_1_c in t_7(environment, (undefined(name='challenges') if l_0_challenges is missing else l_0_challenges), 14):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_c, 'date')))
                yield ' | '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'evidence'), '')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_c, 'status')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_c, 'learned')))
                yield ' |\n'
            l_1_c = missing
        else:
            pass
            yield 'No challenges dated in this period. A hard problem and what you learned from it is a strong review story: add one in `Challenges/`.\n'
        yield '\n## Visibility inside work\n\n'
        t_10 = 1
        for l_1_v in t_7(environment, (undefined(name='visible') if l_0_visible is missing else l_0_visible), 32):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_v, 'talk'):
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_v, 'date')))
                yield ' spoke at '
                yield str(environment.finalize(environment.getattr(l_1_v, 'link')))
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_v, 'kind')))
                yield ')\n'
            else:
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_v, 'date')))
                yield ' '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_v, 'evidence'), '')))
                if (environment.getattr(l_1_v, 'theme') or environment.getattr(l_1_v, 'seen_by')):
                    pass
                    yield ' ('
                    if environment.getattr(l_1_v, 'theme'):
                        pass
                        yield 'theme: '
                        yield str(environment.finalize(environment.getattr(l_1_v, 'theme')))
                    if (environment.getattr(l_1_v, 'theme') and environment.getattr(l_1_v, 'seen_by')):
                        pass
                        yield '; '
                    yield str(environment.finalize(environment.getattr(l_1_v, 'seen_by')))
                    yield ')'
                yield '\n'
            t_10 = 0
        l_1_v = missing
        if t_10:
            pass
            yield 'No demos, facilitation, documentation or wins seen beyond your team in this period.\n'
        yield '\n## Outside work\n\n'
        l_1_loop = missing
        for l_1_v, l_1_loop in LoopContext(t_7(environment, (undefined(name='outside') if l_0_outside is missing else l_0_outside), 73), undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield 'Talks and wins seen outside the company:\n\n'
            if environment.getattr(l_1_v, 'talk'):
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_v, 'date')))
                yield ' spoke at '
                yield str(environment.finalize(environment.getattr(l_1_v, 'link')))
                if environment.getattr(l_1_v, 'kind'):
                    pass
                    yield ' ('
                    yield str(environment.finalize(environment.getattr(l_1_v, 'kind')))
                    yield ')'
                yield '\n'
            else:
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_v, 'date')))
                yield ' '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_v, 'evidence'), '')))
                if environment.getattr(l_1_v, 'theme'):
                    pass
                    yield ' (theme: '
                    yield str(environment.finalize(environment.getattr(l_1_v, 'theme')))
                    yield ')'
                yield '\n'
            if environment.getattr(l_1_loop, 'last'):
                pass
                yield '\n'
        l_1_loop = l_1_v = missing
        if (undefined(name='shares') if l_0_shares is missing else l_0_shares):
            pass
            yield str(environment.finalize(t_2(context, (undefined(name='shares') if l_0_shares is missing else l_0_shares))))
            yield ' share'
            if t_6(environment, [t_2(context, (undefined(name='shares') if l_0_shares is missing else l_0_shares)), 1], ('ne',)):
                pass
                yield 's'
            yield ' on '
            yield str(environment.finalize(t_2(context, (undefined(name='channels') if l_0_channels is missing else l_0_channels))))
            yield ' channel'
            if t_6(environment, [t_2(context, (undefined(name='channels') if l_0_channels is missing else l_0_channels)), 1], ('ne',)):
                pass
                yield 's'
            yield '.\n\n| Channel | Shares | Kinds |\n|---|---|---|\n'
            for l_1_c in t_7(environment, (undefined(name='channels') if l_0_channels is missing else l_0_channels), 11):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_c, 'channel')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_c, 'count')))
                yield ' | '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'kinds'))))
                yield ' |\n'
            l_1_c = missing
            yield '\n| Date | Share | Kind | Channel | Numbers |\n|---|---|---|---|---|\n'
            for l_1_s in t_7(environment, (undefined(name='shares') if l_0_shares is missing else l_0_shares), 17):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_s, 'date')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_s, 'link')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_s, 'kind')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_s, 'channel')))
                yield ' | '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_s, 'metrics'), '; ')))
                yield ' |\n'
            l_1_s = missing
        else:
            pass
            yield 'Nothing shared outside work in this period.\n'
        yield '\n## Network growth\n\n'
        if (undefined(name='people') if l_0_people is missing else l_0_people):
            pass
            yield '### New people ('
            yield str(environment.finalize(t_2(context, (undefined(name='people') if l_0_people is missing else l_0_people))))
            yield ')\n\n| Met on | Person | Company | Role | Where |\n|---|---|---|---|---|\n'
            for l_1_p in t_7(environment, (undefined(name='people') if l_0_people is missing else l_0_people), 17):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_p, 'met_on')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_p, 'link')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_p, 'company')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_p, 'role')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_p, 'met_at')))
                yield ' |\n'
            l_1_p = missing
        else:
            pass
            yield 'No new people in this period (by `met_on`).\n'
        yield '\n'
        if (undefined(name='events') if l_0_events is missing else l_0_events):
            pass
            yield '### Events attended ('
            yield str(environment.finalize(t_2(context, (undefined(name='events') if l_0_events is missing else l_0_events))))
            yield ')\n\n| Date | Event | Kind | People met | New | I spoke |\n|---|---|---|---|---|---|\n'
            for l_1_e in t_7(environment, (undefined(name='events') if l_0_events is missing else l_0_events), 23):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_e, 'link')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_e, 'kind')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_e, 'met')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_e, 'new')))
                yield ' | '
                if environment.getattr(l_1_e, 'spoke'):
                    pass
                    yield 'yes'
                yield ' |\n'
            l_1_e = missing
        else:
            pass
            yield 'No events attended in this period.\n'
        if (undefined(name='coming') if l_0_coming is missing else l_0_coming):
            pass
            yield '\nStill to come in this period: '
            l_1_loop = missing
            for l_1_e, l_1_loop in LoopContext(t_7(environment, (undefined(name='coming') if l_0_coming is missing else l_0_coming), 15), undefined):
                _loop_vars = {}
                pass
                yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
                yield ' '
                yield str(environment.finalize(environment.getattr(l_1_e, 'link')))
                if environment.getattr(l_1_e, 'spoke'):
                    pass
                    yield ' (you speak)'
                if (not environment.getattr(l_1_loop, 'last')):
                    pass
                    yield ', '
            l_1_loop = l_1_e = missing
            yield '.\n'
        yield '\n'
        if (undefined(name='communities') if l_0_communities is missing else l_0_communities):
            pass
            yield '### Communities ('
            yield str(environment.finalize(t_2(context, (undefined(name='communities') if l_0_communities is missing else l_0_communities))))
            yield ')\n\n| Community | My role | This period |\n|---|---|---|\n'
            for l_1_c in t_7(environment, (undefined(name='communities') if l_0_communities is missing else l_0_communities), 11):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_c, 'link')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_c, 'role')))
                yield ' | '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'did'))))
                yield ' |\n'
            l_1_c = missing
        else:
            pass
            yield 'No community activity in this period.\n'
        yield '\n## Market tests\n\n'
        if (undefined(name='interviews') if l_0_interviews is missing else l_0_interviews):
            pass
            yield '| Date | Interview | Company | Role | Stage | Door open |\n|---|---|---|---|---|---|\n'
            for l_1_i in t_7(environment, (undefined(name='interviews') if l_0_interviews is missing else l_0_interviews), 20):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_i, 'date')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_i, 'link')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_i, 'company')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_i, 'role')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_i, 'stage')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_i, 'door_open')))
                yield ' |\n'
            l_1_i = missing
            def t_11(fiter):
                for l_1_i in fiter:
                    if environment.getattr(l_1_i, 'gaps'):
                        yield l_1_i
            l_1_loop = missing
            for l_1_i, l_1_loop in LoopContext(t_11(t_7(environment, (undefined(name='interviews') if l_0_interviews is missing else l_0_interviews), 46)), undefined):
                _loop_vars = {}
                pass
                if environment.getattr(l_1_loop, 'first'):
                    pass
                    yield '\nGaps they exposed (learning targets):\n\n'
                for l_2_gap in t_7(environment, environment.getattr(l_1_i, 'gaps'), 6):
                    _loop_vars = {}
                    pass
                    yield '- '
                    yield str(environment.finalize(l_2_gap))
                    yield ' ('
                    yield str(environment.finalize((environment.getattr(l_1_i, 'company') or environment.getattr(l_1_i, 'link'))))
                    yield ')\n'
                l_2_gap = missing
            l_1_loop = l_1_i = missing
        else:
            pass
            yield 'No interviews in this period. An occasional interview is the surest test of your market value.\n'
        yield '\n## Before the meeting\n\n'
        if (undefined(name='fix_wins') if l_0_fix_wins is missing else l_0_fix_wins):
            pass
            yield 'Wins to complete:\n\n'
            for l_1_w in t_7(environment, (undefined(name='fix_wins') if l_0_fix_wins is missing else l_0_fix_wins), 10):
                _loop_vars = {}
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_w, 'date')))
                yield ' '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_w, 'evidence'), '')))
                yield ': add '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_w, 'missing'), ' and ')))
                yield '\n'
            l_1_w = missing
        elif (undefined(name='themes') if l_0_themes is missing else l_0_themes):
            pass
            yield 'Every win has its impact and numbers.\n'
        else:
            pass
            yield 'No wins to check: write down the ones you remember first.\n'
        if (undefined(name='unlearned') if l_0_unlearned is missing else l_0_unlearned):
            pass
            yield '\nChallenges without what you learned:\n\n'
            for l_1_c in t_7(environment, (undefined(name='unlearned') if l_0_unlearned is missing else l_0_unlearned), 19):
                _loop_vars = {}
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_c, 'date')))
                yield ' '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'evidence'), '')))
                yield ': add `learned`\n'
            l_1_c = missing
        if (undefined(name='open_challenges') if l_0_open_challenges is missing else l_0_open_challenges):
            pass
            yield '\nStill open: be ready to say what you are trying next.\n\n'
            for l_1_c in t_7(environment, (undefined(name='open_challenges') if l_0_open_challenges is missing else l_0_open_challenges), 4):
                _loop_vars = {}
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_c, 'date')))
                yield ' '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'evidence'), '')))
                yield '\n'
            l_1_c = missing
        yield '\n'
        if (not (undefined(name='entries') if l_0_entries is missing else l_0_entries)):
            pass
            yield 'No win, challenge or share is dated in this period, so every month of it is quiet.\n'
        elif (undefined(name='quiet') if l_0_quiet is missing else l_0_quiet):
            pass
            yield 'Quiet months, with no win, challenge or share: '
            yield str(environment.finalize(t_1(context, (undefined(name='quiet') if l_0_quiet is missing else l_0_quiet))))
            yield '. Look through your daily notes, calendar and chat for those months.\n'
        else:
            pass
            yield 'No quiet months: every month so far has a win, a challenge or a share.\n'
    yield '<!-- vaultkit:end review -->\n\nWrite your own prep notes below: questions to ask, the promotion case, feedback to give. vaultkit only rewrites the text between the markers above.\n'

blocks = {}
debug_info = '3=80&4=82&5=84&7=86&10=88&11=94&13=97&16=100&29=106&30=110&32=115&34=118&39=121&43=125&44=129&46=133&47=137&48=141&50=148&51=151&52=153&55=156&56=159&58=161&59=164&61=167&68=176&73=179&74=183&76=188&77=192&80=205&84=209&85=212&86=215&92=218&95=221&96=225&104=239&105=242&106=245&108=254&117=277&118=280&122=283&123=286&126=298&129=307&133=311&134=313&138=325&139=329&144=337&145=341&153=356&154=359&158=361&159=365&165=380&166=383&170=385&171=389&176=407&178=411&181=426&182=429&186=431&187=435&195=446&198=449&199=453&201=466&202=474&207=477&208=481&217=491&220=494&221=498&223=505&228=511&232=514&233=518&236=523&240=526&241=530&245=536&247=539&248=542'
# Made from templates/Review.md.j2 by `python -m vaultkit.views.precompiled`.
