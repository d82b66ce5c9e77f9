extension WebTemplates {
    /// The month against its limits: alerts, a chart of spending against each limit, the table,
    /// and the forms that set a limit, move budget and set the alert thresholds.
    static let budget = """
        <div class="heading">
        <h1>Budget: {{monthName}}</h1>
        <nav class="pager" aria-label="Months">
        {{#previous}}<a href="/budget?month={{previous}}" rel="prev">← {{previousName}}</a>{{/previous}}
        {{#next}}<a href="/budget?month={{next}}" rel="next">{{nextName}} →</a>{{/next}}
        </nav>
        </div>
        {{#hasAlerts}}
        <section class="alerts" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        <ul>{{#alerts}}<li data-category="{{category}}" data-percent="{{percent}}">{{category}} has reached {{percent}} % of its budget: {{spent}} of {{available}}{{#isNew}} <strong>(new)</strong>{{/isNew}}</li>
        {{/alerts}}</ul>
        </section>
        {{/hasAlerts}}
        {{#hasBudget}}
        <p class="summary"><span class="total" data-spent="{{spentPlain}}">{{spent}}</span> of <span data-available="{{availablePlain}}">{{available}}</span> spent ({{used}}); <span data-remaining="{{remainingPlain}}">{{remaining}}</span> left</p>
        <figure class="chart-box">{{{chart}}}</figure>
        <div class="scroll" tabindex="0" role="region" aria-label="Budget by category">
        <table class="numbers">
        <caption>Budget by category, {{monthName}}</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Limit</th><th scope="col" class="num">Carried</th><th scope="col" class="num">Available</th><th scope="col" class="num">Spent</th><th scope="col" class="num">Left</th><th scope="col" class="num">Used</th></tr></thead>
        <tbody>
        {{#lines}}<tr data-category="{{name}}"><th scope="row"><svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{color}}"/></svg> {{name}}</th><td class="num" data-limit="{{limitPlain}}">{{limit}}</td><td class="num">{{carried}}</td><td class="num">{{available}}</td><td class="num" data-spent="{{spentPlain}}">{{spent}}</td><td class="num" data-remaining="{{remainingPlain}}">{{remaining}}</td><td class="num">{{used}}</td></tr>
        {{/lines}}
        </tbody>
        <tfoot><tr><th scope="row">Total</th><td class="num">{{limit}}</td><td class="num">{{carried}}</td><td class="num">{{available}}</td><td class="num">{{spent}}</td><td class="num">{{remaining}}</td><td class="num">{{used}}</td></tr></tfoot>
        </table>
        </div>
        {{#hasUnbudgeted}}<p>{{unbudgeted}} spent in categories without a budget (not in the total).</p>{{/hasUnbudgeted}}
        {{/hasBudget}}
        {{^hasBudget}}
        <div class="empty"><p>No budget for {{monthName}} yet. Set a limit below.</p></div>
        {{/hasBudget}}
        <section aria-labelledby="limit-heading">
        <h2 id="limit-heading">Set a limit</h2>
        <form method="post" action="/budget/limit" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}">
        <div><label for="limit-category">Category</label><select id="limit-category" name="category">{{#categories}}<option>{{name}}</option>{{/categories}}</select></div>
        <div><label for="limit-amount">Limit for {{monthName}}</label><input id="limit-amount" name="amount" required inputmode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" placeholder="300.00"></div>
        <div class="check"><input id="limit-every" name="every_month" type="checkbox" value="1" checked><label for="limit-every">Every month from {{monthName}} on</label></div>
        <div class="check"><input id="limit-rollover" name="rollover" type="checkbox" value="1"><label for="limit-rollover">Carry what is left into the next month</label></div>
        <div><button type="submit">Set limit</button></div>
        </form>
        </section>
        <section aria-labelledby="move-heading">
        <h2 id="move-heading">Move budget</h2>
        <form method="post" action="/budget/move" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}">
        <input type="hidden" name="submission" value="{{submission}}" autocomplete="off">
        <div><label for="move-from">From</label><select id="move-from" name="from">{{#categories}}<option>{{name}}</option>{{/categories}}</select></div>
        <div><label for="move-to">To</label><select id="move-to" name="to">{{#categories}}<option>{{name}}</option>{{/categories}}</select></div>
        <div><label for="move-amount">Amount</label><input id="move-amount" name="amount" required inputmode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" placeholder="20.00"></div>
        <div><button type="submit">Move budget</button></div>
        </form>
        </section>
        <section aria-labelledby="thresholds-heading">
        <h2 id="thresholds-heading">Alerts</h2>
        <form method="post" action="/budget/thresholds" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}">
        <div><label for="thresholds">Alert when a category reaches (percent of its budget)</label><input id="thresholds" name="thresholds" required value="{{thresholds}}" inputmode="numeric"></div>
        <div><button type="submit">Save thresholds</button></div>
        </form>
        </section>

        """
}
