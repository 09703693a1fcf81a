from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'View.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_key = resolve('key')
    l_0_body = resolve('body')
    pass
    yield '---\nvaultkit: generated\n---\n# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n<!-- vaultkit:begin '
    yield str(environment.finalize((undefined(name='key') if l_0_key is missing else l_0_key)))
    yield ' -->\n'
    yield str(environment.finalize((undefined(name='body') if l_0_body is missing else l_0_body)))
    yield '<!-- vaultkit:end '
    yield str(environment.finalize((undefined(name='key') if l_0_key is missing else l_0_key)))
    yield ' -->\n'

blocks = {}
debug_info = '4=15&6=17&7=19'
# Made from templates/View.md.j2 by `python -m vaultkit.views.precompiled`.
