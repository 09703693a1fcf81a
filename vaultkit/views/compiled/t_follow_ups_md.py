from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Follow-ups.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_today = resolve('today')
    l_0_due_count = resolve('due_count')
    l_0_never_count = resolve('never_count')
    l_0_looking_for = resolve('looking_for')
    l_0_untold_count = resolve('untold_count')
    l_0_loose_count = resolve('loose_count')
    l_0_loose_priority = resolve('loose_priority')
    l_0_due = resolve('due')
    l_0_never = resolve('never')
    l_0_untold = resolve('untold')
    try:
        t_1 = environment.filters['vk_compare']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'vk_compare' found.")
    pass
    yield '---\nvaultkit: generated\n---\n# Follow-ups\n\n<!-- vaultkit:begin followups -->\nAs of '
    yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield ': '
    yield str(environment.finalize((undefined(name='due_count') if l_0_due_count is missing else l_0_due_count)))
    yield ' due, '
    yield str(environment.finalize((undefined(name='never_count') if l_0_never_count is missing else l_0_never_count)))
    yield ' never contacted'
    if (undefined(name='looking_for') if l_0_looking_for is missing else l_0_looking_for):
        pass
        yield ', '
        yield str(environment.finalize((undefined(name='untold_count') if l_0_untold_count is missing else l_0_untold_count)))
        yield ' not told what you are looking for'
    yield '.\n'
    if (undefined(name='loose_count') if l_0_loose_count is missing else l_0_loose_count):
        pass
        yield '\n'
        yield str(environment.finalize((undefined(name='loose_count') if l_0_loose_count is missing else l_0_loose_count)))
        yield ' loose connection'
        yield str(environment.finalize(('s' if t_1(environment, [(undefined(name='loose_count') if l_0_loose_count is missing else l_0_loose_count), 1], ('ne',)) else '')))
        yield ' you have not contacted (priority `'
        yield str(environment.finalize((undefined(name='loose_priority') if l_0_loose_priority is missing else l_0_loose_priority)))
        yield '`, as `vaultkit import` writes it) '
        yield str(environment.finalize(('are' if t_1(environment, [(undefined(name='loose_count') if l_0_loose_count is missing else l_0_loose_count), 1], ('ne',)) else 'is')))
        yield ' not listed here: not due until you are in touch. Give one a higher priority, or log a contact with them, and Follow-ups keeps up with them like everyone else.\n'
    yield '\n## Due\n\n'
    if (undefined(name='due') if l_0_due is missing else l_0_due):
        pass
        yield '| Person | Last contact | Days | Cadence | Bring up | Last time |\n|---|---|---|---|---|---|\n'
        yield str(environment.finalize((undefined(name='due') if l_0_due is missing else l_0_due)))
    else:
        pass
        yield 'Nobody is due.\n'
    yield '\n## Never contacted\n\n'
    if (undefined(name='never') if l_0_never is missing else l_0_never):
        pass
        yield str(environment.finalize((undefined(name='never') if l_0_never is missing else l_0_never)))
    else:
        pass
        yield 'Everyone you met has been contacted since.\n'
    if (undefined(name='looking_for') if l_0_looking_for is missing else l_0_looking_for):
        pass
        yield '\n## Not told what you are looking for\n\nYou are looking for: '
        yield str(environment.finalize((undefined(name='looking_for') if l_0_looking_for is missing else l_0_looking_for)))
        yield '. Tell them, then `vaultkit log PERSON "…" --told`.\n\n'
        if (undefined(name='untold') if l_0_untold is missing else l_0_untold):
            pass
            yield str(environment.finalize((undefined(name='untold') if l_0_untold is missing else l_0_untold)))
        else:
            pass
            yield 'Everyone has been told.\n'
    yield '<!-- vaultkit:end followups -->\n'

blocks = {}
debug_info = '7=28&8=40&10=43&15=52&18=55&25=60&26=62&30=66&34=69&36=71&37=73'
# Made from templates/Follow-ups.md.j2 by `python -m vaultkit.views.precompiled`.
