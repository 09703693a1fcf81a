from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Communities.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_communities = resolve('communities')
    l_0_unlinked = resolve('unlinked')
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
    yield '---\nvaultkit: generated\n---\n# Communities\n\n<!-- vaultkit:begin communities -->\n'
    yield str(environment.finalize(t_2(context, (undefined(name='communities') if l_0_communities is missing else l_0_communities))))
    yield ' communit'
    yield str(environment.finalize(('ies' if t_3(environment, [t_2(context, (undefined(name='communities') if l_0_communities is missing else l_0_communities)), 1], ('ne',)) else 'y')))
    yield '. Invest in a few rather than many'
    if (not (undefined(name='communities') if l_0_communities is missing else l_0_communities)):
        pass
        yield ': add a note in `Communities/` for each'
    yield '.\n'
    if (undefined(name='communities') if l_0_communities is missing else l_0_communities):
        pass
        yield '\n| Community | Your role | Joined | People | Events | First event | Latest event |\n|---|---|---|---|---|---|---|\n'
        for l_1_c in t_4(environment, (undefined(name='communities') if l_0_communities is missing else l_0_communities), 23):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_c, 'link')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'role')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'joined')))
            yield ' | '
            yield str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'people'))))
            yield ' | '
            yield str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'events'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'first_event')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'latest_event')))
            yield ' |\n'
        l_1_c = missing
    for l_1_c in t_4(environment, (undefined(name='communities') if l_0_communities is missing else l_0_communities), 184):
        _loop_vars = {}
        pass
        yield '\n## '
        yield str(environment.finalize(environment.getattr(l_1_c, 'link')))
        yield '\n\n'
        if environment.getattr(l_1_c, 'focus'):
            pass
            yield '- Focus: '
            yield str(environment.finalize(environment.getattr(l_1_c, 'focus')))
            yield '\n'
        yield '- Your role: '
        yield str(environment.finalize((environment.getattr(l_1_c, 'role') or 'not set')))
        if environment.getattr(l_1_c, 'joined'):
            pass
            yield ', since '
            yield str(environment.finalize(environment.getattr(l_1_c, 'joined')))
        yield '\n'
        if environment.getattr(l_1_c, 'url'):
            pass
            yield '- Link: '
            yield str(environment.finalize(environment.getattr(l_1_c, 'url')))
            yield '\n'
        yield '- People ('
        yield str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'people'))))
        yield '): '
        if environment.getattr(l_1_c, 'people'):
            pass
            yield str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'people'))))
        else:
            pass
            yield "nobody links it yet (add it to a person's `communities:`)"
        yield '\n'
        if environment.getattr(l_1_c, 'events'):
            pass
            yield '- Events:\n'
            for l_2_e in t_4(environment, environment.getattr(l_1_c, 'events'), 6):
                _loop_vars = {}
                pass
                yield '  - '
                yield str(environment.finalize((environment.getattr(l_2_e, 'date') or 'no date')))
                yield ' '
                yield str(environment.finalize(environment.getattr(l_2_e, 'link')))
                yield '\n'
            l_2_e = missing
        else:
            pass
            yield '- Events: none yet (set `community:` on an event)\n'
    l_1_c = missing
    if (undefined(name='unlinked') if l_0_unlinked is missing else l_0_unlinked):
        pass
        yield '\n## Linked without a note\n\n'
        for l_1_u in t_4(environment, (undefined(name='unlinked') if l_0_unlinked is missing else l_0_unlinked), 45):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_u, 'name')))
            yield ' ('
            yield str(environment.finalize(environment.getattr(l_1_u, 'count')))
            yield ' link'
            yield str(environment.finalize(('s' if t_3(environment, [environment.getattr(l_1_u, 'count'), 1], ('ne',)) else '')))
            yield '): create the note, or fix the name\n'
        l_1_u = missing
    yield '<!-- vaultkit:end communities -->\n'

blocks = {}
debug_info = '7=38&8=46&12=49&13=53&16=68&18=72&20=74&21=77&23=80&25=86&26=89&28=92&30=101&32=104&33=108&39=117&43=120&44=124'
# Made from templates/Communities.md.j2 by `python -m vaultkit.views.precompiled`.
