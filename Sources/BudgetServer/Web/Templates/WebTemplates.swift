/// The web pages' Mustache templates, one constant per page, compiled into the binary (no file
/// to ship beside it). `{{name}}` is escaped; `{{{name}}}` is used for the charts' SVG only.
enum WebTemplates {
    /// Every template by the name pages render it with.
    static let all: [String: String] = [
        "layout": layout, "login": login, "signup": signup, "message": message,
        "month": month, "trend": trend, "budget": budget, "recurring": recurring,
        "expenses": expenses, "expense-edit": expenseEdit, "expense-delete": expenseDelete, "transfer": transfer,
        "categories": categories, "import": importFile, "import-result": importResult,
        "verify": verify, "verify-result": verifyResult, "export": export,
    ]

    /// The page around every page: the skip link, the navigation, a notice or an error, the page.
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · persist</title>
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <a class="brand" href="/">persist <span>budget</span></a>
        {{#user}}
        <nav aria-label="Main"><ul>
        {{#navigation}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/navigation}}
        </ul></nav>
        <form method="post" action="/logout" class="logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <span class="who">{{name}}</span> <button type="submit" class="link">Log out</button>
        </form>
        {{/user}}
        </header>
        <main id="main" tabindex="-1">
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<div class="problem" role="alert"><strong>Nothing was changed.</strong> {{error}}</div>{{/error}}
        {{{content}}}
        </main>
        </body>
        </html>

        """

    /// A page that only says something (an error, a refusal) with a way on.
    static let message = """
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        <p><a href="{{link}}">{{linkLabel}}</a></p>

        """

    static let login = """
        <h1>Log in</h1>
        <form method="post" action="/login" class="stack narrow">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="email">E-mail</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Log in</button>
        </form>
        <p>New here? <a href="/signup">Create an account</a>.</p>

        """

    static let signup = """
        <h1>Create an account</h1>
        <form method="post" action="/signup" class="stack narrow">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="name">Your name</label>
        <input id="name" name="name" autocomplete="name" required value="{{name}}">
        <label for="email">E-mail</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}">
        <label for="password">Password <span class="hint">(at least 10 characters)</span></label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
        <button type="submit">Create account</button>
        </form>
        <p>Have an account? <a href="/login">Log in</a>.</p>

        """
}
