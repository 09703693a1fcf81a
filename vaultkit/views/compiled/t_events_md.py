from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Events.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_today = resolve('today')
    l_0_upcoming_count = resolve('upcoming_count')
    l_0_past_count = resolve('past_count')
    l_0_reached = resolve('reached')
    l_0_upcoming = resolve('upcoming')
    l_0_past = resolve('past')
    l_0_talks = resolve('talks')
    l_0_heard = resolve('heard')
    l_0_undated = resolve('undated')
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
        t_3 = environment.filters['vk_concat']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'vk_concat' found.")
    try:
        t_4 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# Events\n\n<!-- vaultkit:begin events -->\nAs of '
    yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield ': '
    yield str(environment.finalize((undefined(name='upcoming_count') if l_0_upcoming_count is missing else l_0_upcoming_count)))
    yield ' upcoming, '
    yield str(environment.finalize((undefined(name='past_count') if l_0_past_count is missing else l_0_past_count)))
    yield ' past.'
    if t_2(environment, [(undefined(name='past_count') if l_0_past_count is missing else l_0_past_count), 1], ('eq',)):
        pass
        yield ' The past event '
        yield str(environment.finalize(('reached' if (undefined(name='reached') if l_0_reached is missing else l_0_reached) else 'did not reach')))
        yield ' its goal of new people.'
    elif ((undefined(name='past_count') if l_0_past_count is missing else l_0_past_count) and t_2(environment, [(undefined(name='reached') if l_0_reached is missing else l_0_reached), (undefined(name='past_count') if l_0_past_count is missing else l_0_past_count)], ('eq',))):
        pass
        yield ' '
        yield str(environment.finalize(('Both' if t_2(environment, [(undefined(name='past_count') if l_0_past_count is missing else l_0_past_count), 2], ('eq',)) else t_3(environment, ['All ', (undefined(name='past_count') if l_0_past_count is missing else l_0_past_count)]))))
        yield ' past events reached their goal of new people.'
    elif ((undefined(name='past_count') if l_0_past_count is missing else l_0_past_count) and (not (undefined(name='reached') if l_0_reached is missing else l_0_reached))):
        pass
        yield ' None of the '
        yield str(environment.finalize((undefined(name='past_count') if l_0_past_count is missing else l_0_past_count)))
        yield ' past events reached its goal of new people.'
    elif (undefined(name='past_count') if l_0_past_count is missing else l_0_past_count):
        pass
        yield ' '
        yield str(environment.finalize((undefined(name='reached') if l_0_reached is missing else l_0_reached)))
        yield ' of the '
        yield str(environment.finalize((undefined(name='past_count') if l_0_past_count is missing else l_0_past_count)))
        yield ' past events reached their goal of new people.'
    yield '\n\n## Upcoming\n\n'
    if (undefined(name='upcoming') if l_0_upcoming is missing else l_0_upcoming):
        pass
        yield str(environment.finalize((undefined(name='upcoming') if l_0_upcoming is missing else l_0_upcoming)))
    else:
        pass
        yield 'Nothing planned: add an event note with a date from '
        yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
        yield ' on.\n\n'
    yield '## Past\n\n'
    if (undefined(name='past') if l_0_past is missing else l_0_past):
        pass
        yield '| Date | Event | Who you met | New / goal | Goal reached |\n|---|---|---|---|---|\n'
        yield str(environment.finalize((undefined(name='past') if l_0_past is missing else l_0_past)))
    else:
        pass
        yield 'No past events yet.\n'
    yield '\n## Talks you gave\n\n'
    if (undefined(name='talks') if l_0_talks is missing else l_0_talks):
        pass
        yield str(environment.finalize((undefined(name='talks') if l_0_talks is missing else l_0_talks)))
    else:
        pass
        yield 'None yet: mark an event with `speaker: true` when you speak.\n'
    yield '\n## Talks you saw\n\n'
    t_5 = 1
    for l_1_e in t_4(environment, (undefined(name='heard') if l_0_heard is missing else l_0_heard), 15):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
        yield ' '
        yield str(environment.finalize(environment.getattr(l_1_e, 'link')))
        yield '\n'
        for l_2_t in t_4(environment, environment.getattr(l_1_e, 'talks'), 11):
            _loop_vars = {}
            pass
            yield '  - '
            if environment.getattr(l_2_t, 'speakers'):
                pass
                yield str(environment.finalize(t_1(context, environment.getattr(l_2_t, 'speakers'))))
                if environment.getattr(l_2_t, 'title'):
                    pass
                    yield ', '
            if environment.getattr(l_2_t, 'title'):
                pass
                yield '"'
                yield str(environment.finalize(environment.getattr(l_2_t, 'title')))
                yield '"'
            if environment.getattr(l_2_t, 'note'):
                pass
                yield ': '
                yield str(environment.finalize(environment.getattr(l_2_t, 'note')))
            yield '\n'
        l_2_t = missing
        t_5 = 0
    l_1_e = missing
    if t_5:
        pass
        yield "None noted yet: after an event, list them in its note's `## Talks` section, one item a talk: `- [[Speaker]] — Title: what stood out`.\n"
    if (undefined(name='undated') if l_0_undated is missing else l_0_undated):
        pass
        yield '\n## Without a date\n\n'
        yield str(environment.finalize((undefined(name='undated') if l_0_undated is missing else l_0_undated)))
    yield '<!-- vaultkit:end events -->\n'

blocks = {}
debug_info = '7=45&8=51&9=56&10=61&11=66&17=74&18=76&20=80&25=83&28=86&35=91&36=93&43=99&44=103&45=107&46=111&51=133&55=136'
# Made from templates/Events.md.j2 by `python -m vaultkit.views.precompiled`.
