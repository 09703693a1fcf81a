from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Brag.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_total = resolve('total')
    l_0_challenge_count = resolve('challenge_count')
    l_0_open_challenges = resolve('open_challenges')
    l_0_themes = resolve('themes')
    l_0_chart = resolve('chart')
    l_0_quarters = resolve('quarters')
    l_0_needs = resolve('needs')
    l_0_challenges = resolve('challenges')
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
    yield '---\nvaultkit: generated\n---\n# Brag\n\n<!-- vaultkit:begin brag -->\n'
    yield str(environment.finalize((undefined(name='total') if l_0_total is missing else l_0_total)))
    yield ' win'
    yield str(environment.finalize(('s' if t_2(environment, [(undefined(name='total') if l_0_total is missing else l_0_total), 1], ('ne',)) else cond_expr_undefined("the inline if-expression on line 7 in 'Brag.md.j2' evaluated to false and no else section was defined."))))
    yield ' and '
    yield str(environment.finalize((undefined(name='challenge_count') if l_0_challenge_count is missing else l_0_challenge_count)))
    yield ' challenge'
    yield str(environment.finalize(('s' if t_2(environment, [(undefined(name='challenge_count') if l_0_challenge_count is missing else l_0_challenge_count), 1], ('ne',)) else cond_expr_undefined("the inline if-expression on line 7 in 'Brag.md.j2' evaluated to false and no else section was defined."))))
    yield ' ('
    yield str(environment.finalize((undefined(name='open_challenges') if l_0_open_challenges is missing else l_0_open_challenges)))
    yield ' open).'
    if (undefined(name='themes') if l_0_themes is missing else l_0_themes):
        pass
        yield ' Wins by theme: '
        yield str(environment.finalize(t_1(context, (undefined(name='themes') if l_0_themes is missing else l_0_themes))))
        yield '.'
    yield '\n'
    if (undefined(name='chart') if l_0_chart is missing else l_0_chart):
        pass
        yield '\n'
        yield str(environment.finalize((undefined(name='chart') if l_0_chart is missing else l_0_chart)))
        yield '\n'
    yield '\n## Wins by quarter\n\n'
    t_4 = 1
    for l_1_q in t_3(environment, (undefined(name='quarters') if l_0_quarters is missing else l_0_quarters), 91):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(l_1_q, 'quarter')))
        yield '\n\n| Date | Win | Impact | Numbers | Who it helped | Theme |\n|---|---|---|---|---|---|\n'
        yield str(environment.finalize(environment.getattr(l_1_q, 'rows')))
        yield '\n'
        t_4 = 0
    l_1_q = missing
    if t_4:
        pass
        yield 'No wins yet: add a note in `Brag/`, or tag a list item `#brag` with `impact::`.\n\n'
    yield '## Needs work\n\n'
    if (undefined(name='needs') if l_0_needs is missing else l_0_needs):
        pass
        yield str(environment.finalize((undefined(name='needs') if l_0_needs is missing else l_0_needs)))
    else:
        pass
        yield str(environment.finalize(('Every win has its impact and numbers.' if (undefined(name='total') if l_0_total is missing else l_0_total) else 'Nothing to check yet.')))
        yield '\n'
    yield '\n## Challenges\n\n'
    if (undefined(name='challenges') if l_0_challenges is missing else l_0_challenges):
        pass
        yield '| Date | Challenge | Status | What I learned | Related |\n|---|---|---|---|---|\n'
        yield str(environment.finalize((undefined(name='challenges') if l_0_challenges is missing else l_0_challenges)))
    else:
        pass
        yield 'No challenges yet: add a note in `Challenges/`, or tag a list item `#challenge`.\n'
    yield '<!-- vaultkit:end brag -->\n'

blocks = {}
debug_info = '7=38&9=54&11=57&16=61&17=65&21=67&28=75&29=77&31=80&36=83&39=86'
# Made from templates/Brag.md.j2 by `python -m vaultkit.views.precompiled`.
