from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Sharing.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_total = resolve('total')
    l_0_latest = resolve('latest')
    l_0_longest = resolve('longest')
    l_0_longest_from = resolve('longest_from')
    l_0_longest_to = resolve('longest_to')
    l_0_chart = resolve('chart')
    l_0_channels = resolve('channels')
    l_0_months = resolve('months')
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
        t_3 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# Sharing\n\n<!-- vaultkit:begin sharing -->\n'
    yield str(environment.finalize((undefined(name='total') if l_0_total is missing else l_0_total)))
    yield ' thing'
    yield str(environment.finalize(('s' if t_2(environment, [(undefined(name='total') if l_0_total is missing else l_0_total), 1], ('ne',)) else '')))
    yield ' shared outside work'
    if (undefined(name='latest') if l_0_latest is missing else l_0_latest):
        pass
        yield ', the latest on '
        yield str(environment.finalize((undefined(name='latest') if l_0_latest is missing else l_0_latest)))
    yield '.'
    if (undefined(name='longest') if l_0_longest is missing else l_0_longest):
        pass
        yield ' Longest weekly streak: '
        yield str(environment.finalize((undefined(name='longest') if l_0_longest is missing else l_0_longest)))
        yield ' week'
        yield str(environment.finalize(('s' if t_2(environment, [(undefined(name='longest') if l_0_longest is missing else l_0_longest), 1], ('ne',)) else '')))
        yield ' ('
        yield str(environment.finalize((undefined(name='longest_from') if l_0_longest_from is missing else l_0_longest_from)))
        if t_2(environment, [(undefined(name='longest_to') if l_0_longest_to is missing else l_0_longest_to), (undefined(name='longest_from') if l_0_longest_from is missing else l_0_longest_from)], ('ne',)):
            pass
            yield ' to '
            yield str(environment.finalize((undefined(name='longest_to') if l_0_longest_to is missing else l_0_longest_to)))
        yield ').'
    yield " This month's count and your current streak are on the Dashboard.\n"
    if (undefined(name='chart') if l_0_chart is missing else l_0_chart):
        pass
        yield '\n'
        yield str(environment.finalize((undefined(name='chart') if l_0_chart is missing else l_0_chart)))
        yield '\n'
    yield '\n## By channel\n\n'
    if (undefined(name='channels') if l_0_channels is missing else l_0_channels):
        pass
        yield '| Channel | Shares | Last |\n|---|---|---|\n'
        for l_1_c in t_3(environment, (undefined(name='channels') if l_0_channels is missing else l_0_channels), 11):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_c, 'channel')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'count')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'last')))
            yield ' |\n'
        l_1_c = missing
    else:
        pass
        yield 'Nothing shared yet: add a note in `Sharing/` for each post, article, talk or video.\n'
    yield '\n## By month\n'
    t_4 = 1
    for l_1_m in t_3(environment, (undefined(name='months') if l_0_months is missing else l_0_months), 90):
        _loop_vars = {}
        pass
        yield '\n### '
        yield str(environment.finalize(environment.getattr(l_1_m, 'month')))
        yield '\n\n| Date | Shared | Kind | Channel | Topics |\n|---|---|---|---|---|\n'
        for l_2_s in t_3(environment, environment.getattr(l_1_m, 'rows'), 17):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_2_s, 'date')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_s, 'link')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_s, 'kind')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_s, 'channel')))
            yield ' | '
            yield str(environment.finalize(t_1(context, environment.getattr(l_2_s, 'topics'))))
            yield ' |\n'
        l_2_s = missing
        t_4 = 0
    l_1_m = missing
    if t_4:
        pass
        yield '\nNothing shared yet.\n'
    if (undefined(name='undated') if l_0_undated is missing else l_0_undated):
        pass
        yield '\n## Without a date\n\n'
        for l_1_link in t_3(environment, (undefined(name='undated') if l_0_undated is missing else l_0_undated), 28):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(l_1_link))
            yield ': add `date:` to count it\n'
        l_1_link = missing
    yield '<!-- vaultkit:end sharing -->\n'

blocks = {}
debug_info = '7=39&8=62&10=65&15=68&18=71&19=75&26=87&28=91&32=93&33=97&39=113&43=116&44=120'
# Made from templates/Sharing.md.j2 by `python -m vaultkit.views.precompiled`.
