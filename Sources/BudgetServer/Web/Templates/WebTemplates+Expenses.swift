extension WebTemplates {
    /// The expenses: a filter, the list a page at a time, and the form to add one.
    static let expenses = """
        <h1>Expenses</h1>
        <form method="get" action="/expenses" class="filters" role="search" aria-label="Filter expenses">
        <div><label for="filter-category">Category</label>
        <select id="filter-category" name="category"><option value="">All categories</option>
        {{#filterCategories}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/filterCategories}}
        </select></div>
        <div><label for="filter-month">Month</label>
        <input id="filter-month" name="month" type="month" placeholder="YYYY-MM" pattern="[0-9]{4}-[0-9]{2}" value="{{filterMonth}}"></div>
        <div><label for="filter-text">Description contains</label>
        <input id="filter-text" name="q" type="search" value="{{filterText}}"></div>
        <div><button type="submit">Filter</button> <a href="/expenses">Clear</a></div>
        </form>
        {{#hasExpenses}}
        <div class="scroll" tabindex="0" role="region" aria-label="Expenses">
        <table class="numbers expenses">
        <caption>{{caption}}</caption>
        <thead><tr><th scope="col">Date</th><th scope="col">Category</th><th scope="col">Description</th><th scope="col" class="num">Amount</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
        {{#expenses}}<tr data-id="{{id}}"><td>{{date}}</td><td>{{category}}</td><td>{{description}}</td><td class="num" data-amount="{{amountPlain}}">{{amount}}</td>
        <td class="row-actions"><a href="/expenses/{{id}}/edit" aria-label="Edit {{description}} of {{date}}">Edit</a> <a href="/expenses/{{id}}/delete" aria-label="Delete {{description}} of {{date}}">Delete</a></td></tr>
        {{/expenses}}
        </tbody>
        </table>
        </div>
        <nav class="pager" aria-label="Pages">
        {{#previousPage}}<a href="{{previousPage}}" rel="prev">← Newer</a>{{/previousPage}}
        {{#nextPage}}<a href="{{nextPage}}" rel="next">Older →</a>{{/nextPage}}
        </nav>
        {{/hasExpenses}}
        {{^hasExpenses}}
        <div class="empty"><p>{{emptyText}}</p><p>Add one below or <a href="/import">import a CSV</a>.</p></div>
        {{/hasExpenses}}
        <section id="add" aria-labelledby="add-heading">
        <h2 id="add-heading">Add an expense</h2>
        {{#hasCategories}}
        <form method="post" action="/expenses" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="submission" value="{{submission}}" autocomplete="off">
        <div><label for="add-amount">Amount</label>
        <input id="add-amount" name="amount" inputmode="decimal" required placeholder="12.50" value="{{addAmount}}"></div>
        <div><label for="add-category">Category</label>
        <select id="add-category" name="category" required>
        {{#addCategories}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/addCategories}}
        </select></div>
        <div><label for="add-date">Date</label>
        <input id="add-date" name="date" type="date" required value="{{addDate}}"></div>
        <div class="wide"><label for="add-description">Description</label>
        <input id="add-description" name="description" value="{{addDescription}}"></div>
        <div><button type="submit">Add expense</button></div>
        </form>
        <p><a href="/transfer">Move spending between categories (a transfer)</a></p>
        {{/hasCategories}}
        {{^hasCategories}}<p>Expenses are filed under a category: <a href="/categories">add a category</a> first.</p>{{/hasCategories}}
        </section>

        """

    /// One expense's form.
    static let expenseEdit = """
        <h1>Edit the expense of {{date}}</h1>
        <form method="post" action="/expenses/{{id}}" class="stack narrow">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="edit-amount">Amount</label>
        <input id="edit-amount" name="amount" inputmode="decimal" required value="{{amount}}">
        <label for="edit-category">Category</label>
        <select id="edit-category" name="category" required>
        {{#categories}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/categories}}
        </select>
        <label for="edit-date">Date</label>
        <input id="edit-date" name="date" type="date" required value="{{date}}">
        <label for="edit-description">Description</label>
        <input id="edit-description" name="description" value="{{description}}">
        <div><button type="submit">Save</button> <a href="/expenses">Cancel</a></div>
        </form>

        """

    /// Asks before deleting (both legs of a transfer go together).
    static let expenseDelete = """
        <h1>Delete this expense?</h1>
        <ul class="plain">
        {{#expenses}}<li>{{date}} · {{category}} · {{description}} · <strong>{{amount}}</strong></li>{{/expenses}}
        </ul>
        <p class="hint">If it is one leg of a transfer, both legs are deleted together.</p>
        <form method="post" action="/expenses/{{id}}/delete">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="danger">Delete</button> <a href="/expenses">Keep it</a>
        </form>

        """

    /// Moves spending from one category to another: two legs, one transaction.
    static let transfer = """
        <h1>Transfer between categories</h1>
        <p>Moves an amount of spending from one category to another (a refund in the first, an expense in the second), both or neither.</p>
        <form method="post" action="/transfer" class="stack narrow">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="submission" value="{{submission}}" autocomplete="off">
        <label for="transfer-from">From</label>
        <select id="transfer-from" name="from" required>{{#categories}}<option value="{{name}}">{{name}}</option>{{/categories}}</select>
        <label for="transfer-to">To</label>
        <select id="transfer-to" name="to" required>{{#categories}}<option value="{{name}}">{{name}}</option>{{/categories}}</select>
        <label for="transfer-amount">Amount</label>
        <input id="transfer-amount" name="amount" inputmode="decimal" required>
        <label for="transfer-date">Date</label>
        <input id="transfer-date" name="date" type="date" required value="{{today}}">
        <div><button type="submit">Transfer</button> <a href="/expenses">Cancel</a></div>
        </form>

        """
}
