import BudgetTracker
import Hummingbird

/// The budget tracker's web pages at `/`: server-rendered HTML that works without JavaScript,
/// for the signed-in user's own data only (every page goes through ``UserLedger``).
struct WebRoutes {
    let ledger: Ledger
    let limits: SignInLimits
    let pages: WebPages

    func add(to router: Router<ServerContext>) {
        let web = router.group().add(middleware: WebSecurityHeaders())
        StaticAssets.add(to: web)
        // Errors are pages twice over: outside the session lookup (the database is down), and
        // inside it, where the page keeps the signed-in user's navigation.
        let site = web.group().add(middleware: WebErrorPages(pages: pages)).add(middleware: SessionMiddleware(ledger: ledger))
            .add(middleware: WebErrorPages(pages: pages))
        AccountPages(ledger: ledger, limits: limits, pages: pages).add(to: site)
        let signedIn = site.group().add(middleware: RequireWebUser())
        ReportPages(ledger: ledger, pages: pages).add(to: signedIn)
        BudgetPages(ledger: ledger, pages: pages).add(to: signedIn)
        RecurringPages(ledger: ledger, pages: pages).add(to: signedIn)
        ExpensePages(ledger: ledger, pages: pages).add(to: signedIn)
        CategoryPages(ledger: ledger, pages: pages).add(to: signedIn)
        FilePages(ledger: ledger, pages: pages).add(to: signedIn)
    }
}
