extension WebTemplates {
    /// The month: totals per category as a chart and a table, previous and next month.
    static let month = """
        <div class="heading">
        <h1>{{monthName}}</h1>
        <nav class="pager" aria-label="Months">
        {{#previous}}<a href="/month?month={{previous}}" rel="prev">← {{previousName}}</a>{{/previous}}
        {{#next}}<a href="/month?month={{next}}" rel="next">{{nextName}} →</a>{{/next}}
        </nav>
        </div>
        {{#hasSpending}}
        <p class="summary"><span class="total" data-total="{{totalPlain}}">{{total}}</span> in {{count}} expense{{countPlural}}</p>
        <figure class="chart-box">{{{chart}}}</figure>
        <div class="scroll" tabindex="0" role="region" aria-label="Spending by category">
        <table class="numbers">
        <caption>Spending by category, {{monthName}}</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Total</th><th scope="col" class="num">Share</th><th scope="col" class="num count">Count</th></tr></thead>
        <tbody>
        {{#categories}}<tr data-category="{{name}}"><th scope="row"><svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{color}}"/></svg> <a href="/expenses?month={{month}}&amp;category={{nameQuery}}">{{name}}</a></th><td class="num" data-total="{{totalPlain}}">{{total}}</td><td class="num">{{share}}</td><td class="num count">{{count}}</td></tr>
        {{/categories}}
        </tbody>
        <tfoot><tr><th scope="row">Total</th><td class="num">{{total}}</td><td class="num">100.0 %</td><td class="num count">{{count}}</td></tr></tfoot>
        </table>
        </div>
        <p class="actions"><a href="/expenses?month={{month}}">Expenses of {{monthName}}</a> · <a href="/verify?month={{month}}">Verify this report</a></p>
        {{/hasSpending}}
        {{^hasSpending}}
        <div class="empty"><p>No expenses in {{monthName}}.</p>
        <p><a class="button" href="/expenses?month={{month}}#add">Add one</a> or <a href="/import">import a CSV</a>.</p></div>
        {{/hasSpending}}

        """

    /// Twelve months: bars for each month's total, a line per category, and the figures.
    static let trend = """
        <div class="heading">
        <h1>Trend: {{firstName}} to {{lastName}}</h1>
        <nav class="pager" aria-label="Months">
        {{#previous}}<a href="/trend?until={{previous}}" rel="prev">← earlier</a>{{/previous}}
        {{#next}}<a href="/trend?until={{next}}" rel="next">later →</a>{{/next}}
        </nav>
        </div>
        {{#hasSpending}}
        <figure class="chart-box">{{{chart}}}</figure>
        <table class="numbers">
        <caption>Total per month</caption>
        <thead><tr><th scope="col">Month</th><th scope="col" class="num">Total</th></tr></thead>
        <tbody>{{#months}}<tr><th scope="row"><a href="/month?month={{month}}">{{name}}</a></th><td class="num">{{total}}</td></tr>
        {{/months}}</tbody>
        </table>
        {{/hasSpending}}
        {{^hasSpending}}
        <div class="empty"><p>No expenses from {{firstName}} to {{lastName}}.</p>
        <p><a class="button" href="/expenses#add">Add one</a> or <a href="/import">import a CSV</a>.</p></div>
        {{/hasSpending}}

        """
}
