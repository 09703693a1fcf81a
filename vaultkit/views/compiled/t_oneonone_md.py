from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'OneOnOne.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_person = resolve('person')
    l_0_role = resolve('role')
    l_0_company = resolve('company')
    l_0_today = resolve('today')
    l_0_last = resolve('last')
    l_0_since = resolve('since')
    l_0_window_days = resolve('window_days')
    l_0_wins = resolve('wins')
    l_0_challenges = resolve('challenges')
    l_0_visible = resolve('visible')
    l_0_talks = resolve('talks')
    l_0_shares = resolve('shares')
    l_0_asks = resolve('asks')
    try:
        t_1 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    try:
        t_2 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    try:
        t_3 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# 1-1: '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n<!-- vaultkit:begin one-on-one -->\nPrep for your next 1-1 with '
    yield str(environment.finalize((undefined(name='person') if l_0_person is missing else l_0_person)))
    if ((undefined(name='role') if l_0_role is missing else l_0_role) or (undefined(name='company') if l_0_company is missing else l_0_company)):
        pass
        yield ' ('
        yield str(environment.finalize((undefined(name='role') if l_0_role is missing else l_0_role)))
        if ((undefined(name='role') if l_0_role is missing else l_0_role) and (undefined(name='company') if l_0_company is missing else l_0_company)):
            pass
            yield ', '
        yield str(environment.finalize((undefined(name='company') if l_0_company is missing else l_0_company)))
        yield ')'
    yield ', as of '
    yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield '. 1-1s are a great place to make your work visible: bring the wins, ask for help with what is stuck, and ask for what you need.\n\n'
    if (undefined(name='last') if l_0_last is missing else l_0_last):
        pass
        yield 'Last 1-1: '
        yield str(environment.finalize(environment.getattr((undefined(name='last') if l_0_last is missing else l_0_last), 'date')))
        yield ', '
        yield str(environment.finalize(environment.getattr((undefined(name='last') if l_0_last is missing else l_0_last), 'days')))
        yield ' day'
        if t_2(environment, [environment.getattr((undefined(name='last') if l_0_last is missing else l_0_last), 'days'), 1], ('ne',)):
            pass
            yield 's'
        yield ' ago: '
        yield str(environment.finalize(environment.getattr((undefined(name='last') if l_0_last is missing else l_0_last), 'text')))
        yield ' (in '
        yield str(environment.finalize(environment.getattr((undefined(name='last') if l_0_last is missing else l_0_last), 'where')))
        yield '). This note covers what happened since'
        if t_2(environment, [(undefined(name='since') if l_0_since is missing else l_0_since), (undefined(name='today') if l_0_today is missing else l_0_today)], ('eq',)):
            pass
            yield ': today, '
            yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
        else:
            pass
            yield ', '
            yield str(environment.finalize((undefined(name='since') if l_0_since is missing else l_0_since)))
            yield ' to '
            yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
        yield '.\n'
    else:
        pass
        yield 'No 1-1 with '
        yield str(environment.finalize((undefined(name='person') if l_0_person is missing else l_0_person)))
        yield ' is logged yet, so this note covers the last '
        yield str(environment.finalize((undefined(name='window_days') if l_0_window_days is missing else l_0_window_days)))
        yield ' days, '
        yield str(environment.finalize((undefined(name='since') if l_0_since is missing else l_0_since)))
        yield ' to '
        yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
        yield '. Log one as an interaction that starts with `1:1` or `1-1`, or tag it `#1-1` (`vaultkit log "'
        yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
        yield '" "1:1 — what we talked about"`), and the next prep starts from there.\n'
    yield '\n## Wins to mention\n\n'
    t_4 = 1
    for l_1_w in t_3(environment, (undefined(name='wins') if l_0_wins is missing else l_0_wins), 21):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(environment.getattr(l_1_w, 'date')))
        yield '** '
        yield str(environment.finalize(t_1(context, environment.getattr(l_1_w, 'evidence'), '')))
        if environment.getattr(l_1_w, 'theme'):
            pass
            yield ' ('
            yield str(environment.finalize(environment.getattr(l_1_w, 'theme')))
            yield ')'
        yield '\n  - Say: '
        yield str(environment.finalize(t_1(context, environment.getattr(l_1_w, 'story'), '')))
        yield '\n'
        t_4 = 0
    l_1_w = missing
    if t_4:
        pass
        yield 'No wins logged since '
        if (undefined(name='last') if l_0_last is missing else l_0_last):
            pass
            yield 'the last 1-1'
        else:
            pass
            yield str(environment.finalize((undefined(name='since') if l_0_since is missing else l_0_since)))
        yield ". Write down what went well, however small: a `#brag` item in today's daily note is enough.\n"
    yield '\n## Open challenges: ask for help\n\n'
    t_5 = 1
    for l_1_c in t_3(environment, (undefined(name='challenges') if l_0_challenges is missing else l_0_challenges), 28):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_c, 'date')))
        yield ' '
        yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'evidence'), '')))
        if environment.getattr(l_1_c, 'new'):
            pass
            yield ' (new)'
        if environment.getattr(l_1_c, 'learned'):
            pass
            yield '; learned so far: '
            yield str(environment.finalize(environment.getattr(l_1_c, 'learned')))
        yield '\n'
        t_5 = 0
    l_1_c = missing
    if t_5:
        pass
        yield 'No open challenges. Anything stuck that '
        yield str(environment.finalize((undefined(name='person') if l_0_person is missing else l_0_person)))
        yield ' could unblock belongs here: add it in `Challenges/` or as a `#challenge` item.\n'
    yield '\n## Visibility\n\n'
    if (((undefined(name='visible') if l_0_visible is missing else l_0_visible) or (undefined(name='talks') if l_0_talks is missing else l_0_talks)) or (undefined(name='shares') if l_0_shares is missing else l_0_shares)):
        pass
        for l_1_v in t_3(environment, (undefined(name='visible') if l_0_visible is missing else l_0_visible), 18):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_v, 'date')))
            yield ' '
            yield str(environment.finalize(t_1(context, environment.getattr(l_1_v, 'evidence'), '')))
            if (environment.getattr(l_1_v, 'theme') or environment.getattr(l_1_v, 'visibility')):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_v, 'theme')))
                if (environment.getattr(l_1_v, 'theme') and environment.getattr(l_1_v, 'visibility')):
                    pass
                    yield '; '
                if environment.getattr(l_1_v, 'visibility'):
                    pass
                    yield 'seen by: '
                    yield str(environment.finalize(environment.getattr(l_1_v, 'visibility')))
                yield ')'
            yield '\n'
        l_1_v = missing
        for l_1_t in t_3(environment, (undefined(name='talks') if l_0_talks is missing else l_0_talks), 16):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_t, 'date')))
            yield ' spoke at '
            yield str(environment.finalize(environment.getattr(l_1_t, 'link')))
            if environment.getattr(l_1_t, 'kind'):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_t, 'kind')))
                yield ')'
            yield '\n'
        l_1_t = missing
        for l_1_s in t_3(environment, (undefined(name='shares') if l_0_shares is missing else l_0_shares), 18):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_s, 'date')))
            yield ' shared '
            yield str(environment.finalize(environment.getattr(l_1_s, 'link')))
            if (environment.getattr(l_1_s, 'kind') or environment.getattr(l_1_s, 'channel')):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_s, 'kind')))
                if (environment.getattr(l_1_s, 'kind') and environment.getattr(l_1_s, 'channel')):
                    pass
                    yield ' on '
                yield str(environment.finalize(environment.getattr(l_1_s, 'channel')))
                yield ')'
            yield '\n'
        l_1_s = missing
    else:
        pass
        yield 'No demos, docs, talks or shares since '
        if (undefined(name='last') if l_0_last is missing else l_0_last):
            pass
            yield 'the last 1-1'
        else:
            pass
            yield str(environment.finalize((undefined(name='since') if l_0_since is missing else l_0_since)))
        yield '. Is there something worth showing next time?\n'
    yield '\n## Asks for '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n'
    t_6 = 1
    for l_1_a in t_3(environment, (undefined(name='asks') if l_0_asks is missing else l_0_asks), 3):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(l_1_a))
        yield '\n'
        t_6 = 0
    l_1_a = missing
    if t_6:
        pass
        yield 'Nothing noted yet. Add what you could ask '
        yield str(environment.finalize((undefined(name='person') if l_0_person is missing else l_0_person)))
        yield ' for as `asks` in their note (a sponsor for a project, feedback on a doc, an introduction).\n'
    yield '<!-- vaultkit:end one-on-one -->\n\nWrite your own notes for the 1-1 below: topics, feedback to give, what you agreed. vaultkit only rewrites the text between the markers above.\n'

blocks = {}
debug_info = '4=44&7=46&9=59&10=62&12=88&17=100&18=104&20=113&22=120&27=129&28=133&31=149&36=152&37=154&38=158&41=175&42=179&45=189&46=193&50=210&53=218&55=221&56=225&58=232'
# Made from templates/OneOnOne.md.j2 by `python -m vaultkit.views.precompiled`.
