from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Brag.rows.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_win = l_0_need = l_0_challenge = missing
    try:
        t_1 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    pass
    def macro(l_1_w):
        t_2 = []
        if l_1_w is missing:
            l_1_w = undefined("parameter 'w' was not provided", name='w')
        pass
        t_2.extend((
            '| ',
            str(environment.finalize(environment.getattr(l_1_w, 'date'))),
            ' | ',
        ))
        if environment.getattr(l_1_w, 'inline'):
            pass
            t_2.extend((
                str(environment.finalize(environment.getattr(l_1_w, 'text'))),
                ' (',
                str(environment.finalize(environment.getattr(l_1_w, 'link'))),
                ')',
            ))
        else:
            pass
            t_2.append(
                str(environment.finalize(environment.getattr(l_1_w, 'link'))),
            )
        t_2.extend((
            ' | ',
            str(environment.finalize(environment.getattr(l_1_w, 'impact'))),
            ' | ',
            str(environment.finalize(t_1(context, environment.getattr(l_1_w, 'metrics'), '; '))),
            ' | ',
            str(environment.finalize(t_1(context, environment.getattr(l_1_w, 'impacted')))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_w, 'theme'))),
            ' |\n',
        ))
        return concat(t_2)
    context.exported_vars.add('win')
    context.vars['win'] = l_0_win = Macro(environment, macro, 'win', ('w',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_n):
        t_3 = []
        if l_1_n is missing:
            l_1_n = undefined("parameter 'n' was not provided", name='n')
        pass
        t_3.append(
            '- ',
        )
        if environment.getattr(l_1_n, 'date'):
            pass
            t_3.extend((
                str(environment.finalize(environment.getattr(l_1_n, 'date'))),
                ' ',
            ))
        if environment.getattr(l_1_n, 'inline'):
            pass
            t_3.extend((
                str(environment.finalize(environment.getattr(l_1_n, 'text'))),
                ' (',
                str(environment.finalize(environment.getattr(l_1_n, 'link'))),
                ')',
            ))
        else:
            pass
            t_3.append(
                str(environment.finalize(environment.getattr(l_1_n, 'link'))),
            )
        t_3.extend((
            ': add ',
            str(environment.finalize(t_1(context, environment.getattr(l_1_n, 'missing'), ' and '))),
            '\n',
        ))
        return concat(t_3)
    context.exported_vars.add('need')
    context.vars['need'] = l_0_need = Macro(environment, macro, 'need', ('n',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c):
        t_4 = []
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_4.extend((
            '| ',
            str(environment.finalize(environment.getattr(l_1_c, 'date'))),
            ' | ',
        ))
        if environment.getattr(l_1_c, 'inline'):
            pass
            t_4.extend((
                str(environment.finalize(environment.getattr(l_1_c, 'text'))),
                ' (',
                str(environment.finalize(environment.getattr(l_1_c, 'link'))),
                ')',
            ))
        else:
            pass
            t_4.append(
                str(environment.finalize(environment.getattr(l_1_c, 'link'))),
            )
        t_4.extend((
            ' | ',
            str(environment.finalize(environment.getattr(l_1_c, 'status'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_c, 'learned'))),
            ' | ',
            str(environment.finalize(t_1(context, environment.getattr(l_1_c, 'related')))),
            ' |\n',
        ))
        return concat(t_4)
    context.exported_vars.add('challenge')
    context.vars['challenge'] = l_0_challenge = Macro(environment, macro, 'challenge', ('c',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=25&5=55&6=63&8=90&9=97'
# Made from templates/Brag.rows.md.j2 by `python -m vaultkit.views.precompiled`.
