from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Prep.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_link = resolve('link')
    l_0_date = resolve('date')
    l_0_end = resolve('end')
    l_0_location = resolve('location')
    l_0_kind = resolve('kind')
    l_0_community = resolve('community')
    l_0_debrief = resolve('debrief')
    l_0_days_since = resolve('days_since')
    l_0_talks = resolve('talks')
    l_0_under_way = resolve('under_way')
    l_0_days_until = resolve('days_until')
    l_0_speaker = resolve('speaker')
    l_0_goal = resolve('goal')
    l_0_speakers = resolve('speakers')
    l_0_wanted = resolve('wanted')
    l_0_regulars = resolve('regulars')
    l_0_likely = resolve('likely')
    l_0_last_time = resolve('last_time')
    l_0_person = l_0_talk = l_0_who = missing
    try:
        t_1 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    try:
        t_2 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_3 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    try:
        t_4 = environment.filters['vk_concat']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'vk_concat' found.")
    try:
        t_5 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    try:
        t_6 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_7 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# Prep: '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n<!-- vaultkit:begin prep -->\n'
    def macro(l_1_p):
        t_8 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        if environment.getattr(l_1_p, 'about'):
            pass
            t_8.extend((
                '  - About: ',
                str(environment.finalize(environment.getattr(l_1_p, 'about'))),
                '\n',
            ))
        for l_2_i in t_5(environment, environment.getattr(l_1_p, 'interviews'), 16):
            _loop_vars = {}
            pass
            t_8.extend((
                '  - Interview: ',
                str(environment.finalize(l_2_i)),
                '\n',
            ))
        l_2_i = missing
        t_8.extend((
            '  - Topics: ',
            str(environment.finalize((t_1(context, environment.getattr(l_1_p, 'topics')) or 'none noted'))),
            '\n  - Ways to work together: ',
            str(environment.finalize((t_1(context, environment.getattr(l_1_p, 'work_together')) or 'none noted'))),
            '\n  - Last contact: ',
        ))
        if environment.getattr(l_1_p, 'last_contact'):
            pass
            t_8.append(
                str(environment.finalize(environment.getattr(l_1_p, 'last_contact'))),
            )
            if environment.getattr(l_1_p, 'last_text'):
                pass
                t_8.extend((
                    ': ',
                    str(environment.finalize(environment.getattr(l_1_p, 'last_text'))),
                ))
        else:
            pass
            t_8.append(
                'never',
            )
        t_8.append(
            '\n',
        )
        return concat(t_8)
    context.exported_vars.add('person')
    context.vars['person'] = l_0_person = Macro(environment, macro, 'person', ('p',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_t):
        t_9 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        if environment.getattr(l_1_t, 'speaker'):
            pass
            t_9.append(
                str(environment.finalize(environment.getattr(l_1_t, 'speaker'))),
            )
            if environment.getattr(l_1_t, 'others'):
                pass
                t_9.extend((
                    ' with ',
                    str(environment.finalize(t_1(context, environment.getattr(l_1_t, 'others')))),
                ))
            if environment.getattr(l_1_t, 'title'):
                pass
                t_9.append(
                    ', ',
                )
        if environment.getattr(l_1_t, 'title'):
            pass
            t_9.extend((
                '"',
                str(environment.finalize(environment.getattr(l_1_t, 'title'))),
                '"',
            ))
        if environment.getattr(l_1_t, 'opener'):
            pass
            t_9.extend((
                ': ',
                str(environment.finalize(environment.getattr(l_1_t, 'opener'))),
            ))
        return concat(t_9)
    context.exported_vars.add('talk')
    context.vars['talk'] = l_0_talk = Macro(environment, macro, 'talk', ('t',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_10 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        if (environment.getattr(l_1_p, 'role') or environment.getattr(l_1_p, 'company')):
            pass
            t_10.extend((
                ': ',
                str(environment.finalize(environment.getattr(l_1_p, 'role'))),
            ))
            if (environment.getattr(l_1_p, 'role') and environment.getattr(l_1_p, 'company')):
                pass
                t_10.append(
                    ', ',
                )
            t_10.append(
                str(environment.finalize(environment.getattr(l_1_p, 'company'))),
            )
        return concat(t_10)
    context.exported_vars.add('who')
    context.vars['who'] = l_0_who = Macro(environment, macro, 'who', ('p',), False, False, False, context.eval_ctx.autoescape)
    yield str(environment.finalize((undefined(name='link') if l_0_link is missing else l_0_link)))
    yield ': '
    yield str(environment.finalize(((undefined(name='date') if l_0_date is missing else l_0_date) or 'no date yet (set `date:` in its frontmatter, YYYY-MM-DD)')))
    if ((undefined(name='end') if l_0_end is missing else l_0_end) and t_3(environment, [(undefined(name='end') if l_0_end is missing else l_0_end), (undefined(name='date') if l_0_date is missing else l_0_date)], ('ne',))):
        pass
        yield ' to '
        yield str(environment.finalize((undefined(name='end') if l_0_end is missing else l_0_end)))
    if (undefined(name='location') if l_0_location is missing else l_0_location):
        pass
        yield ', '
        yield str(environment.finalize((undefined(name='location') if l_0_location is missing else l_0_location)))
    if (undefined(name='kind') if l_0_kind is missing else l_0_kind):
        pass
        yield ' ('
        yield str(environment.finalize((undefined(name='kind') if l_0_kind is missing else l_0_kind)))
        yield ')'
    yield '\n\n'
    if (undefined(name='community') if l_0_community is missing else l_0_community):
        pass
        yield 'Community: '
        yield str(environment.finalize((undefined(name='community') if l_0_community is missing else l_0_community)))
        yield '.\n\n'
    if (undefined(name='debrief') if l_0_debrief is missing else l_0_debrief):
        pass
        yield 'This event was '
        yield str(environment.finalize((undefined(name='days_since') if l_0_days_since is missing else l_0_days_since)))
        yield ' day'
        yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='days_since') if l_0_days_since is missing else l_0_days_since), 1], ('ne',)) else cond_expr_undefined("the inline if-expression on line 30 in 'Prep.md.j2' evaluated to false and no else section was defined."))))
        yield ' ago: this note is its debrief now.\n\n## Who you met\n\n'
        if environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'goal'):
            pass
            yield str(environment.finalize(environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'new')))
            yield ' new '
            yield str(environment.finalize(('person' if t_3(environment, [environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'new'), 1], ('eq',)) else 'people')))
            yield ' against a goal of '
            yield str(environment.finalize(environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'goal')))
            yield ': '
            if environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'reached'):
                pass
                yield 'goal reached'
            else:
                pass
                yield str(environment.finalize(environment.call_binop(context, '-', environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'goal'), environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'new'))))
                yield ' short'
            yield '.\n'
        else:
            pass
            yield str(environment.finalize(environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'new')))
            yield ' new '
            yield str(environment.finalize(('person' if t_3(environment, [environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'new'), 1], ('eq',)) else 'people')))
            yield '; no goal for new people at this event.\n'
        yield '\n'
        t_11 = 1
        for l_1_m in t_5(environment, environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'met'), 23):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_m, 'ref')))
            if environment.getattr(l_1_m, 'new'):
                pass
                yield ' (new)'
            elif (not environment.getattr(l_1_m, 'person')):
                pass
                yield ' (no note yet)'
            yield '\n'
            t_11 = 0
        l_1_m = missing
        if t_11:
            pass
            yield "Nobody recorded: list whom you met in the event's `met:`.\n"
        if environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'missed'):
            pass
            yield '\nWanted to meet and did not: '
            yield str(environment.finalize(t_1(context, environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'missed'))))
            yield '.\n'
        yield '\n## No follow-up yet\n\n'
        t_12 = 1
        for l_1_p in t_5(environment, environment.getattr((undefined(name='debrief') if l_0_debrief is missing else l_0_debrief), 'pending'), 66):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_p, 'link')))
            if environment.getattr(l_1_p, 'new'):
                pass
                yield ' (new)'
            yield ': nothing logged since the event. `vaultkit log "'
            yield str(environment.finalize(environment.getattr(l_1_p, 'name')))
            yield '" "..."`\n'
            t_12 = 0
        l_1_p = missing
        if t_12:
            pass
            yield 'Everyone you met there has a contact logged since the event.\n'
        yield '\n## Talk notes\n\n'
        t_13 = 1
        for l_1_t in t_5(environment, (undefined(name='talks') if l_0_talks is missing else l_0_talks), 39):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.call(context, (undefined(name='talk') if l_0_talk is missing else l_0_talk), l_1_t, _loop_vars=_loop_vars)))
            if (not environment.getattr(l_1_t, 'opener')):
                pass
                yield ': nothing noted yet. What stood out?'
            yield '\n'
            t_13 = 0
        l_1_t = missing
        if t_13:
            pass
            yield 'No talks noted: add a `## Talks` section to the event note, one item a talk: `- [[Speaker]] — Title: what stood out`.\n'
    else:
        pass
        if (undefined(name='under_way') if l_0_under_way is missing else l_0_under_way):
            pass
            yield 'Under way, until '
            yield str(environment.finalize(((undefined(name='end') if l_0_end is missing else l_0_end) or (undefined(name='date') if l_0_date is missing else l_0_date))))
            yield '.\n'
        elif (not t_7((undefined(name='days_until') if l_0_days_until is missing else l_0_days_until))):
            pass
            yield str(environment.finalize(('Today' if t_3(environment, [(undefined(name='days_until') if l_0_days_until is missing else l_0_days_until), 0], ('eq',)) else ('Tomorrow' if t_3(environment, [(undefined(name='days_until') if l_0_days_until is missing else l_0_days_until), 1], ('eq',)) else t_4(environment, ['In ', (undefined(name='days_until') if l_0_days_until is missing else l_0_days_until), ' days'])))))
            yield '.\n'
        yield '\n'
        if (undefined(name='speaker') if l_0_speaker is missing else l_0_speaker):
            pass
            yield 'You are speaking.\n\n'
        yield 'Goal: talk to at least '
        yield str(environment.finalize((undefined(name='goal') if l_0_goal is missing else l_0_goal)))
        yield ' new people and write down one thing from each talk.\n\n## Speakers\n\n'
        t_14 = 1
        for l_1_s in t_5(environment, (undefined(name='speakers') if l_0_speakers is missing else l_0_speakers), 72):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_s, 'speaker')))
            if environment.getattr(l_1_s, 'title'):
                pass
                yield ', "'
                yield str(environment.finalize(environment.getattr(l_1_s, 'title')))
                yield '"'
            if environment.getattr(l_1_s, 'person'):
                pass
                yield str(environment.finalize(t_2(context, environment.call(context, (undefined(name='who') if l_0_who is missing else l_0_who), environment.getattr(l_1_s, 'person'), _loop_vars=_loop_vars))))
            yield '\n'
            if environment.getattr(l_1_s, 'opener'):
                pass
                yield '  - Opener: '
                yield str(environment.finalize(environment.getattr(l_1_s, 'opener')))
                if environment.getattr(l_1_s, 'opener_from'):
                    pass
                    yield ' (from '
                    yield str(environment.finalize(environment.getattr(l_1_s, 'opener_from')))
                    yield ')'
                yield '\n'
            if environment.getattr(l_1_s, 'person'):
                pass
                yield str(environment.finalize(t_2(context, environment.call(context, (undefined(name='person') if l_0_person is missing else l_0_person), environment.getattr(l_1_s, 'person'), _loop_vars=_loop_vars))))
            else:
                pass
                yield '  - No note yet. Create one after you meet.\n'
            t_14 = 0
        l_1_s = missing
        if t_14:
            pass
            yield 'No talks listed yet: add them to the event note (`talks:` with speaker and title, or a `## Talks` section).\n'
        yield '\n## Who you want to meet\n\n'
        t_15 = 1
        for l_1_p in t_5(environment, (undefined(name='wanted') if l_0_wanted is missing else l_0_wanted), 47):
            _loop_vars = {}
            pass
            if t_6(environment.getattr(l_1_p, 'unknown')):
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_p, 'name')))
                yield ': no note yet. Create one after you meet.\n'
            else:
                pass
                yield '- '
                yield str(environment.finalize(environment.getattr(l_1_p, 'link')))
                yield str(environment.finalize(t_2(context, environment.call(context, (undefined(name='who') if l_0_who is missing else l_0_who), l_1_p, _loop_vars=_loop_vars))))
                yield '\n'
                yield str(environment.finalize(t_2(context, environment.call(context, (undefined(name='person') if l_0_person is missing else l_0_person), l_1_p, _loop_vars=_loop_vars))))
            t_15 = 0
        l_1_p = missing
        if t_15:
            pass
            if (undefined(name='speakers') if l_0_speakers is missing else l_0_speakers):
                pass
                yield 'Nobody else listed in `want_to_meet`.'
            else:
                pass
                yield 'Nobody listed in `want_to_meet` yet. Who do you want to talk to?'
            yield '\n'
        yield '\n## Regulars and organisers\n\n'
        t_16 = 1
        for l_1_p in t_5(environment, (undefined(name='regulars') if l_0_regulars is missing else l_0_regulars), 6):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_p, 'link')))
            yield ' ('
            yield str(environment.finalize(t_1(context, environment.getattr(l_1_p, 'why'))))
            yield ')'
            yield str(environment.finalize(t_2(context, environment.call(context, (undefined(name='who') if l_0_who is missing else l_0_who), l_1_p, _loop_vars=_loop_vars))))
            yield '\n'
            yield str(environment.finalize(t_2(context, environment.call(context, (undefined(name='person') if l_0_person is missing else l_0_person), l_1_p, _loop_vars=_loop_vars))))
            t_16 = 0
        l_1_p = missing
        if t_16:
            pass
            if (undefined(name='community') if l_0_community is missing else l_0_community):
                pass
                yield 'Nobody else met at two or more of its events, and no organiser noted (a `role` saying organiser).'
            else:
                pass
                yield 'This event has no `community`.'
            yield '\n'
        yield '\n## Also likely there\n\n'
        t_17 = 1
        for l_1_p in t_5(environment, (undefined(name='likely') if l_0_likely is missing else l_0_likely), 8):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_p, 'link')))
            yield ' ('
            yield str(environment.finalize(t_1(context, environment.getattr(l_1_p, 'why'))))
            yield ')'
            if environment.getattr(l_1_p, 'topics'):
                pass
                yield ': '
                yield str(environment.finalize(t_1(context, environment.getattr(l_1_p, 'topics'))))
            yield '\n'
            t_17 = 0
        l_1_p = missing
        if t_17:
            pass
            yield "Nobody else from your network is linked to this event's community or companies.\n"
        yield '\n## Last time\n\n'
        if (undefined(name='last_time') if l_0_last_time is missing else l_0_last_time):
            pass
            yield str(environment.finalize(environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'link')))
            yield ' on '
            yield str(environment.finalize(environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'date')))
            yield '. You met: '
            yield str(environment.finalize((t_1(context, environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'met')) or 'nobody recorded')))
            yield '.\n'
            if environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'about'):
                pass
                yield '\n'
                yield str(environment.finalize(environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'about')))
                yield '\n'
            if (environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'notes') and environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'about')):
                pass
                yield '\n'
            for l_1_n in t_5(environment, environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'notes'), 3):
                _loop_vars = {}
                pass
                yield '- '
                yield str(environment.finalize(l_1_n))
                yield '\n'
            l_1_n = missing
            if environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'talks'):
                pass
                yield '\nTalks there:\n'
                for l_1_t in t_5(environment, environment.getattr((undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), 'talks'), 3):
                    _loop_vars = {}
                    pass
                    yield '- '
                    yield str(environment.finalize(environment.call(context, (undefined(name='talk') if l_0_talk is missing else l_0_talk), l_1_t, _loop_vars=_loop_vars)))
                    yield '\n'
                l_1_t = missing
        else:
            pass
            yield 'No earlier event of this community or series.\n'
    yield '<!-- vaultkit:end prep -->\n\nYour own notes for the day go below this line; vaultkit keeps them.\n'

blocks = {}
debug_info = '4=74&8=76&9=81&10=85&12=88&13=93&15=99&16=101&17=104&20=126&21=163&22=185&25=202&26=205&29=207&30=210&34=214&35=216&37=232&40=238&41=242&46=255&48=258&53=262&54=266&61=280&62=284&68=296&69=299&70=301&71=303&74=306&78=310&82=313&83=317&85=327&86=330&89=337&90=339&99=350&100=353&101=356&103=361&104=364&106=369&112=378&113=382&114=388&115=393&121=402&122=406&130=421&131=423&132=429&134=432&136=434&139=437&140=441&142=444&145=447&146=451'
# Made from templates/Prep.md.j2 by `python -m vaultkit.views.precompiled`.
