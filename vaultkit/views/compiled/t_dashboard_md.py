from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'Dashboard.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_overdue = resolve('overdue')
    l_0_error_notes = resolve('error_notes')
    l_0_never_links = resolve('never_links')
    l_0_never_more = resolve('never_more')
    l_0_links = resolve('links')
    l_0_slipped = resolve('slipped')
    l_0_today = resolve('today')
    l_0_people = resolve('people')
    l_0_companies = resolve('companies')
    l_0_met_12m = resolve('met_12m')
    l_0_due = resolve('due')
    l_0_never = resolve('never')
    l_0_loose = resolve('loose')
    l_0_upcoming = resolve('upcoming')
    l_0_next_event = resolve('next_event')
    l_0_next_event_date = resolve('next_event_date')
    l_0_wins_quarter = resolve('wins_quarter')
    l_0_quarter = resolve('quarter')
    l_0_wins_year = resolve('wins_year')
    l_0_year = resolve('year')
    l_0_open_challenges = resolve('open_challenges')
    l_0_open_interviews = resolve('open_interviews')
    l_0_interviews = resolve('interviews')
    l_0_next_follow_up = resolve('next_follow_up')
    l_0_shares_month = resolve('shares_month')
    l_0_streak = resolve('streak')
    l_0_longest = resolve('longest')
    l_0_communities = resolve('communities')
    l_0_goals_active = resolve('goals_active')
    l_0_habits_met = resolve('habits_met')
    l_0_habits = resolve('habits')
    l_0_bubble = resolve('bubble')
    l_0_soon_days = resolve('soon_days')
    l_0_soon = resolve('soon')
    l_0_chart = resolve('chart')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
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
    yield '---\nvaultkit: generated\n---\n# Dashboard\n\n<!-- vaultkit:begin dashboard -->\n## Needs attention\n\n'
    for l_1_i in t_4(environment, (undefined(name='overdue') if l_0_overdue is missing else l_0_overdue), 49):
        _loop_vars = {}
        pass
        yield '- Interview follow-up overdue: '
        yield str(environment.finalize(environment.getattr(l_1_i, 'link')))
        yield ', due '
        yield str(environment.finalize(environment.getattr(l_1_i, 'date')))
        yield ' ('
        yield str(environment.finalize(environment.getattr(l_1_i, 'days')))
        yield ' day'
        yield str(environment.finalize(('s' if t_3(environment, [environment.getattr(l_1_i, 'days'), 1], ('ne',)) else '')))
        yield ' ago)\n'
    l_1_i = missing
    if (undefined(name='error_notes') if l_0_error_notes is missing else l_0_error_notes):
        pass
        yield '- '
        yield str(environment.finalize((undefined(name='error_notes') if l_0_error_notes is missing else l_0_error_notes)))
        yield ' note'
        yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='error_notes') if l_0_error_notes is missing else l_0_error_notes), 1], ('ne',)) else '')))
        yield ' with errors: run `vaultkit check` to see which and how to fix them; what cannot be read in them is left out here\n'
    if (undefined(name='never_links') if l_0_never_links is missing else l_0_never_links):
        pass
        yield '- Never contacted: '
        yield str(environment.finalize(t_1(context, (undefined(name='never_links') if l_0_never_links is missing else l_0_never_links), ', ')))
        if (undefined(name='never_more') if l_0_never_more is missing else l_0_never_more):
            pass
            yield ' and '
            yield str(environment.finalize((undefined(name='never_more') if l_0_never_more is missing else l_0_never_more)))
            yield ' more'
        yield ' (see '
        yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Follow-ups')))
        yield ')\n'
    l_1_loop = missing
    for l_1_g, l_1_loop in LoopContext(t_4(environment, (undefined(name='slipped') if l_0_slipped is missing else l_0_slipped), 35), undefined):
        _loop_vars = {}
        pass
        yield '- Habits slipped for '
        yield str(environment.finalize(environment.getattr(l_1_g, 'link')))
        yield ': '
        l_2_loop = missing
        for l_2_h, l_2_loop in LoopContext(t_4(environment, environment.getattr(l_1_g, 'habits'), 11), undefined):
            _loop_vars = {}
            pass
            yield '`'
            yield str(environment.finalize(environment.getattr(l_2_h, 'text')))
            yield '` ('
            yield str(environment.finalize(environment.getattr(l_2_h, 'previous')))
            yield ' in '
            yield str(environment.finalize(environment.getattr(l_2_h, 'label')))
            yield ')'
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                yield ', '
        l_2_loop = l_2_h = missing
        yield '\n'
    l_1_loop = l_1_g = missing
    if (not ((((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue) or (undefined(name='error_notes') if l_0_error_notes is missing else l_0_error_notes)) or (undefined(name='never_links') if l_0_never_links is missing else l_0_never_links)) or (undefined(name='slipped') if l_0_slipped is missing else l_0_slipped))):
        pass
        yield 'Nothing needs attention.\n'
    yield '\n## At a glance\n\nYour career vault as of '
    yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield '.\n\n| Note | At a glance |\n|---|---|\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'People')))
    yield ' | '
    yield str(environment.finalize((undefined(name='people') if l_0_people is missing else l_0_people)))
    yield ' '
    yield str(environment.finalize(('person' if t_3(environment, [(undefined(name='people') if l_0_people is missing else l_0_people), 1], ('eq',)) else 'people')))
    if (undefined(name='companies') if l_0_companies is missing else l_0_companies):
        pass
        yield ' at '
        yield str(environment.finalize((undefined(name='companies') if l_0_companies is missing else l_0_companies)))
        yield ' '
        yield str(environment.finalize(('company' if t_3(environment, [(undefined(name='companies') if l_0_companies is missing else l_0_companies), 1], ('eq',)) else 'companies')))
    elif (undefined(name='people') if l_0_people is missing else l_0_people):
        pass
        yield ', no company noted'
    yield '; '
    yield str(environment.finalize((undefined(name='met_12m') if l_0_met_12m is missing else l_0_met_12m)))
    yield ' met in the last 12 months |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Follow-ups')))
    yield ' | '
    yield str(environment.finalize((undefined(name='due') if l_0_due is missing else l_0_due)))
    yield ' due for follow-up'
    if (undefined(name='never') if l_0_never is missing else l_0_never):
        pass
        yield ', '
        yield str(environment.finalize((undefined(name='never') if l_0_never is missing else l_0_never)))
        yield ' never contacted'
    if (undefined(name='loose') if l_0_loose is missing else l_0_loose):
        pass
        yield '; '
        yield str(environment.finalize((undefined(name='loose') if l_0_loose is missing else l_0_loose)))
        yield ' loose connection'
        yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='loose') if l_0_loose is missing else l_0_loose), 1], ('ne',)) else '')))
        yield ' not contacted yet (not due)'
    yield ' |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Events')))
    yield ' | '
    yield str(environment.finalize((undefined(name='upcoming') if l_0_upcoming is missing else l_0_upcoming)))
    yield ' upcoming'
    if (undefined(name='next_event') if l_0_next_event is missing else l_0_next_event):
        pass
        yield '; next: '
        yield str(environment.finalize((undefined(name='next_event') if l_0_next_event is missing else l_0_next_event)))
        yield ' on '
        yield str(environment.finalize((undefined(name='next_event_date') if l_0_next_event_date is missing else l_0_next_event_date)))
    yield ' |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Brag')))
    yield ' | '
    yield str(environment.finalize((undefined(name='wins_quarter') if l_0_wins_quarter is missing else l_0_wins_quarter)))
    yield ' win'
    yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='wins_quarter') if l_0_wins_quarter is missing else l_0_wins_quarter), 1], ('ne',)) else '')))
    yield ' this quarter ('
    yield str(environment.finalize((undefined(name='quarter') if l_0_quarter is missing else l_0_quarter)))
    yield '), '
    yield str(environment.finalize((undefined(name='wins_year') if l_0_wins_year is missing else l_0_wins_year)))
    yield ' this year ('
    yield str(environment.finalize((undefined(name='year') if l_0_year is missing else l_0_year)))
    yield '); '
    yield str(environment.finalize((undefined(name='open_challenges') if l_0_open_challenges is missing else l_0_open_challenges)))
    yield ' open challenge'
    yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='open_challenges') if l_0_open_challenges is missing else l_0_open_challenges), 1], ('ne',)) else '')))
    yield ' |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Interviews')))
    yield ' | '
    yield str(environment.finalize((undefined(name='open_interviews') if l_0_open_interviews is missing else l_0_open_interviews)))
    yield ' open of '
    yield str(environment.finalize((undefined(name='interviews') if l_0_interviews is missing else l_0_interviews)))
    if (undefined(name='next_follow_up') if l_0_next_follow_up is missing else l_0_next_follow_up):
        pass
        yield '; next follow-up '
        yield str(environment.finalize((undefined(name='next_follow_up') if l_0_next_follow_up is missing else l_0_next_follow_up)))
    yield ' |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Sharing')))
    yield ' | '
    yield str(environment.finalize((undefined(name='shares_month') if l_0_shares_month is missing else l_0_shares_month)))
    yield ' shared this month; weekly streak '
    yield str(environment.finalize((undefined(name='streak') if l_0_streak is missing else l_0_streak)))
    yield ' week'
    yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='streak') if l_0_streak is missing else l_0_streak), 1], ('ne',)) else '')))
    yield ' (longest '
    yield str(environment.finalize((undefined(name='longest') if l_0_longest is missing else l_0_longest)))
    yield ') |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Communities')))
    yield ' | '
    yield str(environment.finalize((undefined(name='communities') if l_0_communities is missing else l_0_communities)))
    yield ' communit'
    yield str(environment.finalize(('ies' if t_3(environment, [(undefined(name='communities') if l_0_communities is missing else l_0_communities), 1], ('ne',)) else 'y')))
    yield ' |\n| '
    yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Goals')))
    yield ' | '
    yield str(environment.finalize((undefined(name='goals_active') if l_0_goals_active is missing else l_0_goals_active)))
    yield ' active goal'
    yield str(environment.finalize(('s' if t_3(environment, [(undefined(name='goals_active') if l_0_goals_active is missing else l_0_goals_active), 1], ('ne',)) else '')))
    yield '; '
    yield str(environment.finalize((undefined(name='habits_met') if l_0_habits_met is missing else l_0_habits_met)))
    yield ' of '
    yield str(environment.finalize(t_2(context, (undefined(name='habits') if l_0_habits is missing else l_0_habits))))
    yield ' habit'
    yield str(environment.finalize(('s' if t_3(environment, [t_2(context, (undefined(name='habits') if l_0_habits is missing else l_0_habits)), 1], ('ne',)) else '')))
    yield ' done this period |\n\n## Habits this week\n\n'
    if (undefined(name='habits') if l_0_habits is missing else l_0_habits):
        pass
        yield '| Habit | Goal | This period | Streak |\n|---|---|---|---|\n'
        for l_1_h in t_4(environment, (undefined(name='habits') if l_0_habits is missing else l_0_habits), 30):
            _loop_vars = {}
            pass
            yield '| `'
            yield str(environment.finalize(environment.getattr(l_1_h, 'text')))
            yield '` | '
            yield str(environment.finalize(environment.getattr(l_1_h, 'goal')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_h, 'this')))
            yield ' of '
            yield str(environment.finalize(environment.getattr(l_1_h, 'target')))
            yield ' ('
            yield str(environment.finalize(environment.getattr(l_1_h, 'label')))
            yield ')'
            if environment.getattr(l_1_h, 'met'):
                pass
                yield ', done'
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_h, 'streak')))
            yield ' '
            yield str(environment.finalize(environment.getattr(l_1_h, 'unit')))
            yield ' |\n'
        l_1_h = missing
    else:
        pass
        yield 'No active goal with habits: see '
        yield str(environment.finalize(environment.getitem((undefined(name='links') if l_0_links is missing else l_0_links), 'Goals')))
        yield ' for how to add one.\n'
    yield '\n## Outside the bubble\n\n'
    if (not (undefined(name='bubble') if l_0_bubble is missing else l_0_bubble)):
        pass
        yield 'Set `company = "Your company"` in vaultkit.toml to see how many of your interactions are with people outside it.\n'
    elif environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'known'):
        pass
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'percent')))
        yield '% of the last '
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'days')))
        yield " days' interactions were with people outside "
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'company')))
        yield ': '
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'outside')))
        yield ' of '
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'known')))
        yield ' since '
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'since')))
        if environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'trend'):
            pass
            yield '; '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'trend')))
            yield ' '
            yield str(environment.finalize(('with' if t_3(environment, [environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'trend'), 'level'], ('eq',)) else 'from')))
            yield ' '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'before_percent')))
            yield '% ('
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'before_outside')))
            yield ' of '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'before_known')))
            yield ') in the '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'days')))
            yield ' days before'
        else:
            pass
            yield '; no interaction in the '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'days')))
            yield ' days before to compare with'
        yield '.'
        if environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'unknown'):
            pass
            yield ' Not counted: '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'unknown')))
            yield ' with people whose note has no `company:`.'
        yield '\n'
    else:
        pass
        yield 'No interaction in the last '
        yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'days')))
        yield ' days with someone whose company you noted.'
        if environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'unknown'):
            pass
            yield ' Not counted: '
            yield str(environment.finalize(environment.getattr((undefined(name='bubble') if l_0_bubble is missing else l_0_bubble), 'unknown')))
            yield ' with people whose note has no `company:`.'
        yield '\n'
    yield '\n## Next '
    yield str(environment.finalize((undefined(name='soon_days') if l_0_soon_days is missing else l_0_soon_days)))
    yield ' days\n\n'
    t_5 = 1
    for l_1_s in t_4(environment, (undefined(name='soon') if l_0_soon is missing else l_0_soon), 7):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_s, 'date')))
        yield ' '
        yield str(environment.finalize(environment.getattr(l_1_s, 'link')))
        yield ' ('
        yield str(environment.finalize(environment.getattr(l_1_s, 'what')))
        yield ')\n'
        t_5 = 0
    l_1_s = missing
    if t_5:
        pass
        yield 'Nothing dated in the next '
        yield str(environment.finalize((undefined(name='soon_days') if l_0_soon_days is missing else l_0_soon_days)))
        yield ' days.\n'
    yield '\n## People met per month\n\n'
    yield str(environment.finalize((undefined(name='chart') if l_0_chart is missing else l_0_chart)))
    yield '\n<!-- vaultkit:end dashboard -->\n'

blocks = {}
debug_info = '9=71&10=75&12=84&13=87&15=91&16=94&18=104&19=108&22=127&28=131&32=133&33=150&34=167&35=178&36=194&37=204&38=214&39=220&43=232&46=235&47=239&50=261&55=264&57=267&58=269&61=310&65=319&67=322&68=326&70=337&75=340'
# Made from templates/Dashboard.md.j2 by `python -m vaultkit.views.precompiled`.
