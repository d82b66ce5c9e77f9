extension WebTemplates {
    /// The recurring expenses: the rules with their forms, posting what is due, adding one.
    static let recurring = """
        <h1>Recurring expenses</h1>
        {{#hasRules}}
        <div class="scroll" tabindex="0" role="region" aria-label="Recurring expenses">
        <table class="numbers">
        <caption>Your recurring expenses</caption>
        <thead><tr><th scope="col">What</th><th scope="col">Category</th><th scope="col" class="num">Amount</th><th scope="col">Every</th><th scope="col">From</th><th scope="col">Until</th><th scope="col" class="num">Posted</th><th scope="col" class="num">Skipped</th><th scope="col">Last</th><th scope="col">Status</th></tr></thead>
        <tbody>
        {{#rules}}<tr data-rule="{{id}}"><th scope="row">{{description}}</th><td>{{category}}</td><td class="num" data-amount="{{amountPlain}}">{{amount}}</td><td>{{every}}</td><td class="date">{{from}}</td><td class="date">{{until}}</td><td class="num" data-posted="{{posted}}">{{posted}}</td><td class="num" data-skipped="{{skipped}}">{{skipped}}</td><td class="date">{{last}}</td>
        <td class="row-actions">{{#pausedOn}}Paused since <span class="date">{{pausedOn}}</span><br>
        <form method="post" action="/recurring/resume" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button type="submit" aria-label="Resume {{description}}">Resume</button></form>{{/pausedOn}}
        {{^pausedOn}}Running<br>
        <form method="post" action="/recurring/pause" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button type="submit" aria-label="Pause {{description}}">Pause</button></form>{{/pausedOn}}
        <form method="post" action="/recurring/delete" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button type="submit" class="danger" aria-label="Delete {{description}}">Delete</button></form></td></tr>
        {{/rules}}
        </tbody>
        </table>
        </div>
        <form method="post" action="/recurring/run" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Post what is due by today ({{today}})</button>
        </form>
        <p>Each occurrence is posted once, however often this runs. A paused expense posts nothing; resumed, it skips what fell due while it was paused.</p>
        {{/hasRules}}
        {{^hasRules}}
        <div class="empty"><p>No recurring expenses yet. Add rent, a subscription or a salary below.</p></div>
        {{/hasRules}}
        <section aria-labelledby="add-recurring-heading">
        <h2 id="add-recurring-heading">Add a recurring expense</h2>
        <form method="post" action="/recurring" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="submission" value="{{submission}}" autocomplete="off">
        <div><label for="recurring-description">What</label><input id="recurring-description" name="description" required maxlength="200" value="{{newDescription}}"></div>
        <div><label for="recurring-category">Category</label><select id="recurring-category" name="category">{{#categories}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/categories}}</select></div>
        <div><label for="recurring-amount">Amount</label><input id="recurring-amount" name="amount" required inputmode="decimal" pattern="-?[0-9]+([.][0-9]{1,2})?" placeholder="49.99" value="{{newAmount}}"></div>
        <div><label for="recurring-every">Every</label><select id="recurring-every" name="every">{{#frequencies}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/frequencies}}</select></div>
        <div><label for="recurring-from">First day</label><input id="recurring-from" name="from" type="date" required value="{{newFrom}}"></div>
        <div><label for="recurring-until">Last day (optional)</label><input id="recurring-until" name="until" type="date" value="{{newUntil}}"></div>
        <div><button type="submit">Add recurring expense</button></div>
        </form>
        <p>A negative amount is a refund or income. A monthly expense on the 31st falls on the last day of shorter months; a yearly one on the 29th of February on the 28th in other years.</p>
        </section>

        """
}
