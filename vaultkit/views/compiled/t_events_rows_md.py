from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Events.rows.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_upcoming = l_0_past = l_0_talk = l_0_undated = missing
    try:
        t_1 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    try:
        t_2 = environment.filters['vk_each']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'vk_each' found.")
    pass
    def macro(l_1_e):
        t_3 = []
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_3.extend((
            '### ',
            str(environment.finalize(environment.getattr(l_1_e, 'link'))),
            '\n\n',
            str(environment.finalize(t_1(context, environment.getattr(l_1_e, 'facts'), ' · '))),
            '\n\n',
        ))
        if environment.getattr(l_1_e, 'want'):
            pass
            t_3.append(
                '| Want to meet | Role | Company | Topics | Last contact |\n|---|---|---|---|---|\n',
            )
            for l_2_p in t_2(environment, environment.getattr(l_1_e, 'want'), 47):
                _loop_vars = {}
                pass
                t_3.extend((
                    '| ',
                    str(environment.finalize(environment.getattr(l_2_p, 'link'))),
                    ' | ',
                    str(environment.finalize(environment.getattr(l_2_p, 'role'))),
                    ' | ',
                    str(environment.finalize(environment.getattr(l_2_p, 'company'))),
                    ' | ',
                    str(environment.finalize(t_1(context, environment.getattr(l_2_p, 'topics')))),
                    ' | ',
                ))
                if environment.getattr(l_2_p, 'last_contact'):
                    pass
                    t_3.append(
                        str(environment.finalize(environment.getattr(l_2_p, 'last_contact'))),
                    )
                    if environment.getattr(l_2_p, 'last_text'):
                        pass
                        t_3.extend((
                            ': ',
                            str(environment.finalize(environment.getattr(l_2_p, 'last_text'))),
                        ))
                    if environment.getattr(l_2_p, 'last_source'):
                        pass
                        t_3.extend((
                            ' (',
                            str(environment.finalize(environment.getattr(l_2_p, 'last_source'))),
                            ')',
                        ))
                elif environment.getattr(l_2_p, 'note'):
                    pass
                    t_3.append(
                        'no contact yet',
                    )
                else:
                    pass
                    t_3.append(
                        'no note yet',
                    )
                t_3.append(
                    ' |\n',
                )
            l_2_p = missing
        else:
            pass
            t_3.append(
                'Nobody on the list yet: add `want_to_meet:` to plan who to talk to.\n',
            )
        if environment.getattr(l_1_e, 'met'):
            pass
            t_3.append(
                '\nMet so far: ',
            )
            l_2_loop = missing
            for l_2_m, l_2_loop in LoopContext(t_2(environment, environment.getattr(l_1_e, 'met'), 8), undefined):
                _loop_vars = {}
                pass
                t_3.append(
                    str(environment.finalize(environment.getattr(l_2_m, 'ref'))),
                )
                if environment.getattr(l_2_m, 'new'):
                    pass
                    t_3.append(
                        ' (new)',
                    )
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    t_3.append(
                        ', ',
                    )
            l_2_loop = l_2_m = missing
            t_3.append(
                '\n',
            )
        t_3.append(
            '\n',
        )
        return concat(t_3)
    context.exported_vars.add('upcoming')
    context.vars['upcoming'] = l_0_upcoming = Macro(environment, macro, 'upcoming', ('e',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_e):
        t_4 = []
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_4.extend((
            '| ',
            str(environment.finalize(environment.getattr(l_1_e, 'date'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_e, 'link'))),
            ' | ',
        ))
        l_2_loop = missing
        t_5 = 1
        for l_2_m, l_2_loop in LoopContext(t_2(environment, environment.getattr(l_1_e, 'met'), 8), undefined):
            _loop_vars = {}
            pass
            t_4.append(
                str(environment.finalize(environment.getattr(l_2_m, 'ref'))),
            )
            if environment.getattr(l_2_m, 'new'):
                pass
                t_4.append(
                    ' (new)',
                )
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                t_4.append(
                    ', ',
                )
            t_5 = 0
        l_2_loop = l_2_m = missing
        if t_5:
            pass
            t_4.append(
                'nobody recorded',
            )
        t_4.extend((
            ' | ',
            str(environment.finalize(environment.getattr(l_1_e, 'new'))),
            ' / ',
            str(environment.finalize(environment.getattr(l_1_e, 'goal'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_e, 'reached'))),
            ' |\n',
        ))
        return concat(t_4)
    context.exported_vars.add('past')
    context.vars['past'] = l_0_past = Macro(environment, macro, 'past', ('e',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_t):
        t_6 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_6.extend((
            '- ',
            str(environment.finalize(environment.getattr(l_1_t, 'date'))),
            ' ',
            str(environment.finalize(environment.getattr(l_1_t, 'link'))),
        ))
        if environment.getattr(l_1_t, 'kind'):
            pass
            t_6.extend((
                ' (',
                str(environment.finalize(environment.getattr(l_1_t, 'kind'))),
            ))
            if environment.getattr(l_1_t, 'upcoming'):
                pass
                t_6.append(
                    ', upcoming',
                )
            t_6.append(
                ')',
            )
        elif environment.getattr(l_1_t, 'upcoming'):
            pass
            t_6.append(
                ' (upcoming)',
            )
        t_6.append(
            '\n',
        )
        return concat(t_6)
    context.exported_vars.add('talk')
    context.vars['talk'] = l_0_talk = Macro(environment, macro, 'talk', ('t',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_link):
        t_7 = []
        if l_1_link is missing:
            l_1_link = undefined("parameter 'link' was not provided", name='link')
        pass
        t_7.extend((
            '- ',
            str(environment.finalize(l_1_link)),
            ': add `date:` to plan it or count it\n',
        ))
        return concat(t_7)
    context.exported_vars.add('undated')
    context.vars['undated'] = l_0_undated = Macro(environment, macro, 'undated', ('link',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=24&3=31&5=33&7=36&10=41&11=46&16=92&18=98&23=124&24=131&26=173&27=180&30=209&31=216'
# Made from templates/Events.rows.md.j2 by `python -m vaultkit.views.precompiled`.
