from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Communities.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_count = resolve('count')
    l_0_table = resolve('table')
    l_0_sections = resolve('sections')
    l_0_unlinked = resolve('unlinked')
    try:
        t_1 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    try:
        t_2 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# Communities\n\n<!-- vaultkit:begin communities -->\n'
    yield str(environment.finalize((undefined(name='count') if l_0_count is missing else l_0_count)))
    yield ' communit'
    yield str(environment.finalize(('ies' if t_1(environment, [(undefined(name='count') if l_0_count is missing else l_0_count), 1], ('ne',)) else 'y')))
    yield '. Invest in a few rather than many'
    if (not (undefined(name='count') if l_0_count is missing else l_0_count)):
        pass
        yield ': add a note in `Communities/` for each'
    yield '.\n'
    if (undefined(name='count') if l_0_count is missing else l_0_count):
        pass
        yield '\n| Community | Your role | Joined | People | Events | First event | Latest event |\n|---|---|---|---|---|---|---|\n'
        yield str(environment.finalize((undefined(name='table') if l_0_table is missing else l_0_table)))
    yield str(environment.finalize((undefined(name='sections') if l_0_sections is missing else l_0_sections)))
    if (undefined(name='unlinked') if l_0_unlinked is missing else l_0_unlinked):
        pass
        yield '\n## Linked without a note\n\n'
        for l_1_u in t_2(environment, (undefined(name='unlinked') if l_0_unlinked is missing else l_0_unlinked), 45):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_u, 'name')))
            yield ' ('
            yield str(environment.finalize(environment.getattr(l_1_u, 'count')))
            yield ' link'
            yield str(environment.finalize(('s' if t_1(environment, [environment.getattr(l_1_u, 'count'), 1], ('ne',)) else '')))
            yield '): create the note, or fix the name\n'
        l_1_u = missing
    yield '<!-- vaultkit:end communities -->\n'

blocks = {}
debug_info = '7=28&8=36&12=39&14=40&15=41&19=44&20=48'
# Made from templates/Communities.md.j2 by `python -m vaultkit.views.precompiled`.
