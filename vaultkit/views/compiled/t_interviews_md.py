from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Interviews.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_total = resolve('total')
    l_0_open = resolve('open')
    l_0_doors = resolve('doors')
    l_0_overdue = resolve('overdue')
    l_0_today = resolve('today')
    l_0_follow_ups = resolve('follow_ups')
    l_0_stages = resolve('stages')
    l_0_gaps = resolve('gaps')
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
        t_3 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    try:
        t_4 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# Interviews\n\n<!-- vaultkit:begin interviews -->\n'
    yield str(environment.finalize((undefined(name='total') if l_0_total is missing else l_0_total)))
    yield ' market test'
    yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='total') if l_0_total is missing else l_0_total), 1], ('ne',)) else cond_expr_undefined("the inline if-expression on line 7 in 'Interviews.md.j2' evaluated to false and no else section was defined."))))
    yield ', '
    yield str(environment.finalize((undefined(name='open') if l_0_open is missing else l_0_open)))
    yield ' still open; '
    yield str(environment.finalize(t_2(context, (undefined(name='doors') if l_0_doors is missing else l_0_doors))))
    yield ' with the door left open'
    if (undefined(name='overdue') if l_0_overdue is missing else l_0_overdue):
        pass
        yield '; '
        yield str(environment.finalize((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue)))
        yield ' follow-up'
        yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='overdue') if l_0_overdue is missing else l_0_overdue), 1], ('ne',)) else cond_expr_undefined("the inline if-expression on line 7 in 'Interviews.md.j2' evaluated to false and no else section was defined."))))
        yield ' overdue'
    yield '. As of '
    yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield '.\n\n## Follow-ups\n\n'
    t_5 = 1
    for l_1_f in t_4(environment, (undefined(name='follow_ups') if l_0_follow_ups is missing else l_0_follow_ups), 74):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_f, 'follow_up')))
        yield ' ('
        yield str(environment.finalize(environment.getattr(l_1_f, 'when')))
        if t_3(environment, [environment.getattr(l_1_f, 'state'), 'overdue'], ('eq',)):
            pass
            yield ', overdue: no contact logged since'
        elif t_3(environment, [environment.getattr(l_1_f, 'state'), 'done'], ('eq',)):
            pass
            yield ', done: contact logged '
            yield str(environment.finalize(environment.getattr(l_1_f, 'done')))
        yield '): '
        yield str(environment.finalize(environment.getattr(l_1_f, 'link')))
        yield ', '
        yield str(environment.finalize(environment.getattr(l_1_f, 'stage')))
        if environment.getattr(l_1_f, 'people'):
            pass
            yield ', with '
            yield str(environment.finalize(t_1(context, environment.getattr(l_1_f, 'people'))))
        yield '\n'
        t_5 = 0
    l_1_f = missing
    if t_5:
        pass
        yield 'No follow-up dates: set `follow_up:` on an interview to be reminded.\n'
    yield '\n## By stage\n\n'
    t_6 = 1
    for l_1_s in t_4(environment, (undefined(name='stages') if l_0_stages is missing else l_0_stages), 153):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(l_1_s, 'stage')))
        yield '\n\n| Process | Company | Role | Date | People | Rounds | Door open | Follow-up |\n|---|---|---|---|---|---|---|---|\n'
        for l_2_r in t_4(environment, environment.getattr(l_1_s, 'rows'), 34):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_2_r, 'link')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_r, 'company')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_r, 'role')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_r, 'date')))
            yield ' | '
            yield str(environment.finalize(t_1(context, environment.getattr(l_2_r, 'people'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_r, 'rounds')))
            if environment.getattr(l_2_r, 'last_round'):
                pass
                yield ' (last '
                yield str(environment.finalize(environment.getattr(l_2_r, 'last_round')))
                yield ')'
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_r, 'door_open')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_r, 'follow_up')))
            yield ' |\n'
        l_2_r = missing
        yield '\n'
        t_6 = 0
    l_1_s = missing
    if t_6:
        pass
        yield 'No interviews yet: an occasional one tests your market value. Add a note in `Interviews/`.\n\n'
    yield '## Doors left open\n\n'
    t_7 = 1
    for l_1_d in t_4(environment, (undefined(name='doors') if l_0_doors is missing else l_0_doors), 29):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_d, 'link')))
        yield ' ('
        yield str(environment.finalize(environment.getattr(l_1_d, 'company')))
        yield ', '
        yield str(environment.finalize(environment.getattr(l_1_d, 'stage')))
        yield ')'
        if environment.getattr(l_1_d, 'people'):
            pass
            yield ': keep in touch with '
            yield str(environment.finalize(t_1(context, environment.getattr(l_1_d, 'people'))))
        yield '\n'
        t_7 = 0
    l_1_d = missing
    if t_7:
        pass
        yield 'No doors marked open: set `door_open: true` where you left on good terms.\n'
    yield '\n## Gaps found: learning targets\n\n'
    t_8 = 1
    for l_1_g in t_4(environment, (undefined(name='gaps') if l_0_gaps is missing else l_0_gaps), 8):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_g, 'gap')))
        yield ' ('
        yield str(environment.finalize(environment.getattr(l_1_g, 'link')))
        if environment.getattr(l_1_g, 'date'):
            pass
            yield ', '
            yield str(environment.finalize(environment.getattr(l_1_g, 'date')))
        yield ')\n'
        t_8 = 0
    l_1_g = missing
    if t_8:
        pass
        yield 'No gaps noted: list `gaps:` on an interview to turn them into learning targets.\n'
    yield '<!-- vaultkit:end interviews -->\n'

blocks = {}
debug_info = '7=44&11=63&12=67&20=93&21=97&25=99&26=103&35=133&36=137&44=155&45=159'
# Made from templates/Interviews.md.j2 by `python -m vaultkit.views.precompiled`.
