extension WebTemplates {
    /// Upload a CSV ledger: all of it is imported, or none.
    static let importFile = """
        <h1>Import a CSV</h1>
        <p>The file needs a header naming <code>date,user,category,amount,description</code> (any order; every row's user is you: the export of this site is such a file). Every row is imported, or none: a file with an error changes nothing.</p>
        <form method="post" action="/import" enctype="multipart/form-data" class="stack narrow" data-progress>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="import-file">CSV file</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required>
        <div class="check"><input id="import-create" name="create_missing" type="checkbox" value="1"><label for="import-create">Create categories the file names that I do not have yet</label></div>
        <div class="check"><input id="import-again" name="again" type="checkbox" value="1"><label for="import-again">Import it again even if this same file was imported before</label></div>
        <button type="submit">Import</button>
        <p class="progress" hidden role="status"><progress></progress> Uploading and importing… large files take a few seconds.</p>
        </form>

        """

    /// What an import did, or why it did nothing.
    static let importResult = """
        {{#imported}}
        <h1>Imported {{rows}} row{{rowsPlural}}</h1>
        <p class="verdict ok" role="status">Imported {{rows}} row{{rowsPlural}}, {{total}} in all{{#createdCategories}}, and {{createdCategories}} new categories{{/createdCategories}}.</p>
        <p><a href="/expenses">See the expenses</a> · <a href="/month">The month</a> · <a href="/import">Import another file</a></p>
        {{/imported}}
        {{^imported}}
        <h1>Nothing was imported</h1>
        <div class="verdict bad" role="alert"><p>The file has a problem, so none of its rows were imported:</p>
        <ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>
        <p>Fix the file and <a href="/import">import it again</a>.</p>
        {{/imported}}

        """

    /// Upload a raw ledger to check a month's report against.
    static let verify = """
        <h1>Verify a monthly report</h1>
        <p>Upload the raw ledger (CSV) for a month: persist adds it up independently of the database and compares the totals category by category. A report is released only when they agree.</p>
        <form method="post" action="/verify" enctype="multipart/form-data" class="stack narrow" data-progress>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="verify-month">Month</label>
        <input id="verify-month" name="month" type="month" placeholder="YYYY-MM" pattern="[0-9]{4}-[0-9]{2}" required value="{{month}}">
        <label for="verify-file">Ledger (CSV)</label>
        <input id="verify-file" name="file" type="file" accept=".csv,text/csv" required>
        <button type="submit">Verify</button>
        <p class="progress" hidden role="status"><progress></progress> Uploading and comparing…</p>
        </form>

        """

    /// The verdict, and the categories where the two sides differ.
    static let verifyResult = """
        {{#verified}}<h1>Verified: {{monthName}}</h1>
        <p class="verdict ok" role="status">Verified: the report for {{monthName}} agrees with the ledger in every category.</p>{{/verified}}
        {{^verified}}<h1>Blocked: {{monthName}}</h1>
        <p class="verdict bad" role="alert">Blocked: the report for {{monthName}} differs from the ledger in {{differing}} of {{compared}} lines; it must not be released.</p>{{/verified}}
        <div class="scroll" tabindex="0" role="region" aria-label="Comparison">
        <table class="numbers">
        <caption>Database and ledger, category by category</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Database</th><th scope="col" class="num">Ledger</th><th scope="col">Agrees</th></tr></thead>
        <tbody>{{#lines}}<tr class="{{#agrees}}same{{/agrees}}{{^agrees}}differs{{/agrees}}" data-category="{{category}}"><th scope="row">{{category}}</th><td class="num">{{database}}</td><td class="num">{{ledger}}</td><td>{{#agrees}}yes{{/agrees}}{{^agrees}}<strong>no</strong>{{/agrees}}</td></tr>
        {{/lines}}</tbody>
        </table>
        </div>
        <p><a href="/verify?month={{month}}">Verify again</a> · <a href="/month?month={{month}}">The month</a></p>

        """

    /// Download the expenses as CSV.
    static let export = """
        <h1>Export</h1>
        <p>Download your expenses as a CSV file (the import's format: it imports again as it is).</p>
        <form method="get" action="/export.csv" class="stack narrow">
        <label for="export-month">Month <span class="hint">(leave empty for every expense)</span></label>
        <input id="export-month" name="month" type="month" placeholder="YYYY-MM" pattern="[0-9]{4}-[0-9]{2}" value="{{month}}">
        <button type="submit">Download CSV</button>
        </form>

        """
}
