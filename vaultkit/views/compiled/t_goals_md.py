from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Goals.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_active = resolve('active')
    l_0_today = resolve('today')
    l_0_week = resolve('week')
    l_0_month = resolve('month')
    l_0_quarter = resolve('quarter')
    l_0_others = resolve('others')
    l_0_others_title = resolve('others_title')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
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
    yield '---\nvaultkit: generated\n---\n# Goals\n\n<!-- vaultkit:begin goals -->\n'
    if (undefined(name='active') if l_0_active is missing else l_0_active):
        pass
        yield str(environment.finalize(t_1(context, (undefined(name='active') if l_0_active is missing else l_0_active))))
        yield ' active goal'
        yield str(environment.finalize(('s' if t_2(environment, [t_1(context, (undefined(name='active') if l_0_active is missing else l_0_active)), 1], ('ne',)) else '')))
        yield '. Habits are counted from your notes as of '
        yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
        yield ': this week is '
        yield str(environment.finalize((undefined(name='week') if l_0_week is missing else l_0_week)))
        yield ', this month '
        yield str(environment.finalize((undefined(name='month') if l_0_month is missing else l_0_month)))
        yield ', this quarter '
        yield str(environment.finalize((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter)))
        yield '. Define a long-term goal, then focus on the habits.\n'
    else:
        pass
        yield 'No active goal yet. Add one with `vaultkit new goal "Speak at two conferences in 2027" --set by=2027-12-31 --set "habits=share 1/week, contact 2/week"`: its habits are then counted from your notes, never ticked by hand.\n'
    for l_1_g in t_3(environment, (undefined(name='active') if l_0_active is missing else l_0_active), 699):
        _loop_vars = {}
        pass
        yield '\n## '
        yield str(environment.finalize(environment.getattr(l_1_g, 'link')))
        yield '\n\n'
        if environment.getattr(l_1_g, 'measure'):
            pass
            yield 'Measure: '
            yield str(environment.finalize(environment.getattr(l_1_g, 'measure')))
            yield '. '
        if environment.getattr(l_1_g, 'by'):
            pass
            yield 'By '
            yield str(environment.finalize(environment.getattr(l_1_g, 'by')))
            yield '. '
        if t_2(environment, [environment.getattr(l_1_g, 'start_from'), 'start'], ('eq',)):
            pass
            yield 'Started '
            yield str(environment.finalize(environment.getattr(l_1_g, 'start')))
            yield '.'
        elif t_2(environment, [environment.getattr(l_1_g, 'start_from'), 'habits'], ('eq',)):
            pass
            yield 'Counted from '
            yield str(environment.finalize(environment.getattr(l_1_g, 'start')))
            yield ', the first day its habits count: add `start: YYYY-MM-DD` to say when the goal began.'
        elif t_2(environment, [environment.getattr(l_1_g, 'start_from'), 'today'], ('eq',)):
            pass
            yield 'Counted from this period on, as nothing has counted yet: add `start: YYYY-MM-DD` to say when the goal began.'
        else:
            pass
            yield 'Started '
            yield str(environment.finalize(environment.getattr(l_1_g, 'start')))
            yield ' (its `'
            yield str(environment.finalize(environment.getattr(l_1_g, 'start_from')))
            yield '`).'
        yield '\n\n'
        if environment.getattr(l_1_g, 'unknown'):
            pass
            yield 'Status `'
            yield str(environment.finalize(environment.getattr(l_1_g, 'unknown')))
            yield '` is not one vaultkit knows ('
            yield str(environment.finalize(environment.getattr(l_1_g, 'statuses')))
            yield '): this goal counts as active until it says otherwise.\n\n'
        if environment.getattr(l_1_g, 'unreadable'):
            pass
            yield str(environment.finalize(environment.getattr(l_1_g, 'unreadable')))
            yield ' habit'
            yield str(environment.finalize(('s' if t_2(environment, [environment.getattr(l_1_g, 'unreadable'), 1], ('ne',)) else '')))
            yield ' of this goal cannot be read: run `vaultkit check` to see which and how to write them.\n\n'
        if environment.getattr(l_1_g, 'habits'):
            pass
            yield '| Habit | Counts | This period | Last period | Streak | Last counted |\n|---|---|---|---|---|---|\n'
            for l_2_h in t_3(environment, environment.getattr(l_1_g, 'habits'), 63):
                _loop_vars = {}
                pass
                yield '| `'
                yield str(environment.finalize(environment.getattr(l_2_h, 'text')))
                yield '` | '
                yield str(environment.finalize(environment.getattr(l_2_h, 'what')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_2_h, 'this')))
                yield ' of '
                yield str(environment.finalize(environment.getattr(l_2_h, 'target')))
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_2_h, 'label')))
                yield ')'
                if environment.getattr(l_2_h, 'met'):
                    pass
                    yield ', done'
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_2_h, 'previous')))
                if environment.getattr(l_2_h, 'slipped'):
                    pass
                    yield ', slipped'
                elif environment.getattr(l_2_h, 'before_start'):
                    pass
                    yield ', before the start'
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_2_h, 'streak')))
                yield ' '
                yield str(environment.finalize(environment.getattr(l_2_h, 'unit')))
                yield ' | '
                yield str(environment.finalize((environment.getattr(l_2_h, 'last') or 'never')))
                yield ' |\n'
            l_2_h = missing
            for l_2_h in t_3(environment, environment.getattr(l_1_g, 'habits'), 2):
                _loop_vars = {}
                pass
                yield '\n'
                yield str(environment.finalize(environment.getattr(l_2_h, 'chart')))
                yield '\n'
            l_2_h = missing
        else:
            pass
            yield 'No habits yet: add `habits:` to the goal, e.g. `habits: ["share 1/week", "contact 2/week"]`.\n'
    l_1_g = missing
    if (undefined(name='others') if l_0_others is missing else l_0_others):
        pass
        yield '\n## '
        yield str(environment.finalize((undefined(name='others_title') if l_0_others_title is missing else l_0_others_title)))
        yield '\n\n'
        for l_1_g in t_3(environment, (undefined(name='others') if l_0_others is missing else l_0_others), 11):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_g, 'link')))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_g, 'status')))
            if environment.getattr(l_1_g, 'by'):
                pass
                yield ' (by '
                yield str(environment.finalize(environment.getattr(l_1_g, 'by')))
                yield ')'
            yield '\n'
        l_1_g = missing
    yield '<!-- vaultkit:end goals -->\n'

blocks = {}
debug_info = '7=37&8=39&12=54&14=58&16=60&17=70&18=75&19=80&20=86&24=91&25=94&28=98&29=100&32=104&35=107&36=111&38=140&40=144&46=151&48=154&50=156&51=160'
# Made from templates/Goals.md.j2 by `python -m vaultkit.views.precompiled`.
