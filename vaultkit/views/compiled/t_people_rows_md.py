from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'People.rows.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_person = l_0_incomplete = missing
    try:
        t_1 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    pass
    def macro(l_1_p):
        t_2 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_2.extend((
            '| ',
            str(environment.finalize(environment.getattr(l_1_p, 'link'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_p, 'role'))),
            ' | ',
            str(environment.finalize(t_1(context, environment.getattr(l_1_p, 'topics')))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_p, 'met_at'))),
        ))
        if (environment.getattr(l_1_p, 'met_at') and environment.getattr(l_1_p, 'met_on')):
            pass
            t_2.append(
                ', ',
            )
        t_2.extend((
            str(environment.finalize(environment.getattr(l_1_p, 'met_on'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_p, 'last_contact'))),
            ' |\n',
        ))
        return concat(t_2)
    context.exported_vars.add('person')
    context.vars['person'] = l_0_person = Macro(environment, macro, 'person', ('p',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_3 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_3.extend((
            '- ',
            str(environment.finalize(environment.getattr(l_1_p, 'link'))),
            ': add ',
            str(environment.finalize(t_1(context, environment.getattr(l_1_p, 'missing'), ' and '))),
            '\n',
        ))
        return concat(t_3)
    context.exported_vars.add('incomplete')
    context.vars['incomplete'] = l_0_incomplete = Macro(environment, macro, 'incomplete', ('p',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=25&5=47&6=54'
# Made from templates/People.rows.md.j2 by `python -m vaultkit.views.precompiled`.
