from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Follow-ups.rows.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_bring_up = l_0_last_time = l_0_due = l_0_never = l_0_untold = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['join_md']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join_md' found.")
    try:
        t_3 = environment.filters['select']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'select' found.")
    try:
        t_4 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    try:
        t_5 = environment.filters['vk_value']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'vk_value' found.")
    pass
    def macro(l_1_p):
        t_6 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_6.append(
            str(environment.finalize(t_2(context, environment.getattr(l_1_p, 'topics')))),
        )
        if environment.getattr(l_1_p, 'asks'):
            pass
            if environment.getattr(l_1_p, 'topics'):
                pass
                t_6.append(
                    '; ',
                )
            t_6.extend((
                'ask: ',
                str(environment.finalize(t_2(context, environment.getattr(l_1_p, 'asks')))),
            ))
        if environment.getattr(l_1_p, 'offers'):
            pass
            if (environment.getattr(l_1_p, 'topics') or environment.getattr(l_1_p, 'asks')):
                pass
                t_6.append(
                    '; ',
                )
            t_6.extend((
                'offer: ',
                str(environment.finalize(t_2(context, environment.getattr(l_1_p, 'offers')))),
            ))
        return concat(t_6)
    context.exported_vars.add('bring_up')
    context.vars['bring_up'] = l_0_bring_up = Macro(environment, macro, 'bring_up', ('p',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_7 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        if t_4(environment, [environment.getattr(l_1_p, 'last_how'), 'intro'], ('eq',)):
            pass
            t_7.extend((
                'intro via ',
                str(environment.finalize(environment.getattr(l_1_p, 'last_source'))),
            ))
            if environment.getattr(l_1_p, 'last_text'):
                pass
                t_7.extend((
                    ': ',
                    str(environment.finalize(environment.getattr(l_1_p, 'last_text'))),
                ))
        elif t_4(environment, [environment.getattr(l_1_p, 'last_how'), 'via'], ('eq',)):
            pass
            t_7.extend((
                'via ',
                str(environment.finalize(environment.getattr(l_1_p, 'last_source'))),
            ))
            if environment.getattr(l_1_p, 'last_text'):
                pass
                t_7.extend((
                    ': ',
                    str(environment.finalize(environment.getattr(l_1_p, 'last_text'))),
                ))
        elif t_4(environment, [environment.getattr(l_1_p, 'last_how'), 'event'], ('eq',)):
            pass
            t_7.extend((
                'met at ',
                str(environment.finalize(environment.getattr(l_1_p, 'last_source'))),
            ))
        elif t_4(environment, [environment.getattr(l_1_p, 'last_how'), 'interview'], ('eq',)):
            pass
            t_7.extend((
                'interview: ',
                str(environment.finalize(environment.getattr(l_1_p, 'last_source'))),
            ))
        elif t_4(environment, [environment.getattr(l_1_p, 'last_how'), 'daily'], ('eq',)):
            pass
            t_7.extend((
                'mentioned in ',
                str(environment.finalize(environment.getattr(l_1_p, 'last_source'))),
            ))
        elif t_4(environment, [environment.getattr(l_1_p, 'last_how'), 'last_contact'], ('eq',)):
            pass
            t_7.append(
                "from the note's last_contact",
            )
        else:
            pass
            t_7.append(
                str(environment.finalize(environment.getattr(l_1_p, 'last_text'))),
            )
            if environment.getattr(l_1_p, 'last_source'):
                pass
                t_7.extend((
                    ' (',
                    str(environment.finalize(environment.getattr(l_1_p, 'last_source'))),
                    ')',
                ))
        return concat(t_7)
    context.exported_vars.add('last_time')
    context.vars['last_time'] = l_0_last_time = Macro(environment, macro, 'last_time', ('p',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_8 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_8.extend((
            '| ',
            str(environment.finalize(environment.getattr(l_1_p, 'link'))),
        ))
        if environment.getattr(l_1_p, 'priority'):
            pass
            t_8.extend((
                ' (',
                str(environment.finalize(environment.getattr(l_1_p, 'priority'))),
                ')',
            ))
        t_8.extend((
            ' | ',
            str(environment.finalize((environment.getattr(l_1_p, 'last_contact') or environment.getattr(l_1_p, 'met_on')))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_p, 'days'))),
            ' | ',
            str(environment.finalize(environment.getattr(l_1_p, 'cadence'))),
            'd | ',
            str(environment.finalize(environment.call(context, (undefined(name='bring_up') if l_0_bring_up is missing else l_0_bring_up), l_1_p))),
            ' | ',
            str(environment.finalize(environment.call(context, (undefined(name='last_time') if l_0_last_time is missing else l_0_last_time), l_1_p))),
            ' |\n',
        ))
        return concat(t_8)
    context.exported_vars.add('due')
    context.vars['due'] = l_0_due = Macro(environment, macro, 'due', ('p',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_9 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_9.extend((
            '- ',
            str(environment.finalize(environment.getattr(l_1_p, 'link'))),
        ))
        if (environment.getattr(l_1_p, 'priority') or environment.getattr(l_1_p, 'company')):
            pass
            t_9.extend((
                ' (',
                str(environment.finalize(t_1(context, t_3(context, t_5(environment, [environment.getattr(l_1_p, 'priority'), environment.getattr(l_1_p, 'company')])), ', '))),
                ')',
            ))
        if environment.getattr(l_1_p, 'since'):
            pass
            t_9.extend((
                ', met ',
                str(environment.finalize(environment.getattr(l_1_p, 'since'))),
            ))
        if ((environment.getattr(l_1_p, 'topics') or environment.getattr(l_1_p, 'asks')) or environment.getattr(l_1_p, 'offers')):
            pass
            t_9.extend((
                ': ',
                str(environment.finalize(environment.call(context, (undefined(name='bring_up') if l_0_bring_up is missing else l_0_bring_up), l_1_p))),
            ))
        t_9.append(
            '\n',
        )
        return concat(t_9)
    context.exported_vars.add('never')
    context.vars['never'] = l_0_never = Macro(environment, macro, 'never', ('p',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_10 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_10.extend((
            '- ',
            str(environment.finalize(environment.getattr(l_1_p, 'link'))),
        ))
        if (environment.getattr(l_1_p, 'priority') or environment.getattr(l_1_p, 'company')):
            pass
            t_10.extend((
                ' (',
                str(environment.finalize(t_1(context, t_3(context, t_5(environment, [environment.getattr(l_1_p, 'priority'), environment.getattr(l_1_p, 'company')])), ', '))),
                ')',
            ))
        if environment.getattr(l_1_p, 'asks'):
            pass
            t_10.extend((
                ': ask for ',
                str(environment.finalize(t_2(context, environment.getattr(l_1_p, 'asks')))),
            ))
        t_10.append(
            '\n',
        )
        return concat(t_10)
    context.exported_vars.add('untold')
    context.vars['untold'] = l_0_untold = Macro(environment, macro, 'untold', ('p',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=75&4=80&5=92&6=104&7=110&8=116&9=122&10=130&12=142&13=149&15=174&16=181&19=208&20=215'
# Made from templates/Follow-ups.rows.md.j2 by `python -m vaultkit.views.precompiled`.
