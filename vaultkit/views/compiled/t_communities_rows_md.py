from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Communities.rows.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_row = l_0_section = missing
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
        t_3 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    def macro(l_1_c):
        t_4 = []
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_4.extend((
            '| ',
            str(environment.finalize(environment.getattr(l_1_c, 'link'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_c, 'role'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_c, 'joined'))),
            ' | ',
            str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'people')))),
            ' | ',
            str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'events')))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_c, 'first_event'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_c, 'latest_event'))),
            ' |\n',
        ))
        return concat(t_4)
    context.exported_vars.add('row')
    context.vars['row'] = l_0_row = Macro(environment, macro, 'row', ('c',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c):
        t_5 = []
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_5.extend((
            '\n## ',
            str(environment.finalize(environment.getattr(l_1_c, 'link'))),
            '\n\n',
        ))
        if environment.getattr(l_1_c, 'focus'):
            pass
            t_5.extend((
                '- Focus: ',
                str(environment.finalize(environment.getattr(l_1_c, 'focus'))),
                '\n',
            ))
        t_5.extend((
            '- Your role: ',
            str(environment.finalize((environment.getattr(l_1_c, 'role') or 'not set'))),
        ))
        if environment.getattr(l_1_c, 'joined'):
            pass
            t_5.extend((
                ', since ',
                str(environment.finalize(environment.getattr(l_1_c, 'joined'))),
            ))
        t_5.append(
            '\n',
        )
        if environment.getattr(l_1_c, 'url'):
            pass
            t_5.extend((
                '- Link: ',
                str(environment.finalize(environment.getattr(l_1_c, 'url'))),
                '\n',
            ))
        t_5.extend((
            '- People (',
            str(environment.finalize(t_2(context, environment.getattr(l_1_c, 'people')))),
            '): ',
        ))
        if environment.getattr(l_1_c, 'people'):
            pass
            t_5.append(
                str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'people')))),
            )
        else:
            pass
            t_5.append(
                "nobody links it yet (add it to a person's `communities:`)",
            )
        t_5.append(
            '\n',
        )
        if environment.getattr(l_1_c, 'events'):
            pass
            t_5.append(
                '- Events:\n',
            )
            for l_2_e in t_3(environment, environment.getattr(l_1_c, 'events'), 6):
                _loop_vars = {}
                pass
                t_5.extend((
                    '  - ',
                    str(environment.finalize((environment.getattr(l_2_e, 'date') or 'no date'))),
                    ' ',
                    str(environment.finalize(environment.getattr(l_2_e, 'link'))),
                    '\n',
                ))
            l_2_e = missing
        else:
            pass
            t_5.append(
                '- Events: none yet (set `community:` on an event)\n',
            )
        return concat(t_5)
    context.exported_vars.add('section')
    context.vars['section'] = l_0_section = Macro(environment, macro, 'section', ('c',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=30&3=37&5=55&7=62&9=65&10=69&12=74&14=85&15=89&17=94&19=110&21=115&22=120'
# Made from templates/Communities.rows.md.j2 by `python -m vaultkit.views.precompiled`.
