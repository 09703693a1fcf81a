from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'People.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_total = resolve('total')
    l_0_company_count = resolve('company_count')
    l_0_companies = resolve('companies')
    l_0_incomplete = resolve('incomplete')
    l_0_incomplete_loose = resolve('incomplete_loose')
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
    yield '---\nvaultkit: generated\n---\n# People\n\n<!-- vaultkit:begin people -->\n'
    yield str(environment.finalize((undefined(name='total') if l_0_total is missing else l_0_total)))
    yield ' '
    yield str(environment.finalize(('person' if t_1(environment, [(undefined(name='total') if l_0_total is missing else l_0_total), 1], ('eq',)) else 'people')))
    yield ' at '
    yield str(environment.finalize((undefined(name='company_count') if l_0_company_count is missing else l_0_company_count)))
    yield ' '
    yield str(environment.finalize(('company' if t_1(environment, [(undefined(name='company_count') if l_0_company_count is missing else l_0_company_count), 1], ('eq',)) else 'companies')))
    yield '.\n\n'
    for l_1_group in t_2(environment, (undefined(name='companies') if l_0_companies is missing else l_0_companies), 76):
        _loop_vars = {}
        pass
        yield '## '
        yield str(environment.finalize(environment.getattr(l_1_group, 'company')))
        yield '\n\n| Person | Role | Topics | Met | Last contact |\n|---|---|---|---|---|\n'
        yield str(environment.finalize(environment.getattr(l_1_group, 'rows')))
        yield '\n'
    l_1_group = missing
    yield '## To complete\n\n'
    if (undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete):
        pass
        yield str(environment.finalize((undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete)))
    elif (not (undefined(name='incomplete_loose') if l_0_incomplete_loose is missing else l_0_incomplete_loose)):
        pass
        yield 'Every person has a way to work together and a date you met.\n'
    if (undefined(name='incomplete_loose') if l_0_incomplete_loose is missing else l_0_incomplete_loose):
        pass
        if (undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete):
            pass
            yield '\n'
        yield 'Not listed: '
        yield str(environment.finalize((undefined(name='incomplete_loose') if l_0_incomplete_loose is missing else l_0_incomplete_loose)))
        yield ' loose connection'
        yield str(environment.finalize(('s' if t_1(environment, [(undefined(name='incomplete_loose') if l_0_incomplete_loose is missing else l_0_incomplete_loose), 1], ('ne',)) else '')))
        yield ' you have never contacted that '
        yield str(environment.finalize(('lack' if t_1(environment, [(undefined(name='incomplete_loose') if l_0_incomplete_loose is missing else l_0_incomplete_loose), 1], ('ne',)) else 'lacks')))
        yield ' a way to work together or a date you met (as an import leaves them). Fill them in once you are in touch.\n'
    yield '<!-- vaultkit:end people -->\n'

blocks = {}
debug_info = '7=29&9=37&10=41&14=43&18=47&19=49&20=50&23=53&24=55&27=59'
# Made from templates/People.md.j2 by `python -m vaultkit.views.precompiled`.
