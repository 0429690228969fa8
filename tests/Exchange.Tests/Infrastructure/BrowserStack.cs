using System.Diagnostics;
using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The product as a visitor meets it: the app in standalone mode serving the built site,
/// Azurite behind it, and Debian's Chromium driven by Playwright. Started once per run.
/// </summary>
public sealed class BrowserStack
{
    public const string CoordinatorEmail = "coordinator@browser.test";
    private static readonly Lazy<Task<BrowserStack>> Shared = new(StartAsync);

    private BrowserStack(Azurite azurite, ChildProcess app, string baseUrl, IPlaywright playwright, IBrowser browser)
    {
        Azurite = azurite;
        App = app;
        BaseUrl = baseUrl;
        Playwright = playwright;
        Browser = browser;
    }

    public Azurite Azurite { get; }
    public ChildProcess App { get; }
    public string BaseUrl { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }

    public static Task<BrowserStack> InstanceAsync() => Shared.Value;

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    private static async Task<BrowserStack> StartAsync()
    {
        if (!File.Exists(Path.Combine(Repository.WebDist, "index.html")))
        {
            throw new InvalidOperationException("web/dist is missing: run ./test.sh, which builds the site first.");
        }
        var azurite = await Azurite.InstanceAsync();
        var port = Repository.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Repository.FunctionsDll, "--urls", baseUrl }, WorkingDirectory = Repository.Root };
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Site__PublicBaseUrl"] = baseUrl;
        start.Environment["Site__WebRoot"] = Repository.WebDist;
        start.Environment["Accounts__CoordinatorEmails__0"] = CoordinatorEmail;
        start.Environment["Accounts__SignInRequestsPerMinute"] = "1000";
        start.Environment["Accounts__SignInMailsPerAddressPerHour"] = "1000";
        // A period other than its default, so the privacy page is seen to show the configuration.
        start.Environment["Privacy__Retention__OutboxCopies"] = "60.00:00:00";
        // The test-only clock (POST /api/testing/clock/advance, /api/testing/timers/{name}) for journeys
        // that need time to pass, such as reminders; it exists only outside Production and hosted mode.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Testing__ClockControl"] = "true";
        var app = new ChildProcess(start);
        await app.WaitForPortAsync(port, TimeSpan.FromSeconds(60));

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        return new BrowserStack(azurite, app, baseUrl, playwright, browser);
    }

    /// <param name="bypassCsp">For axe, whose script the site's Content-Security-Policy would refuse.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "en-GB", bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        _pages.Add(page);
        return page;
    }

    /// <summary>Signs in through the real path: the sign-in form, then the link from the outbox.</summary>
    public async Task<IPage> SignInAsync(string email, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var page = await NewPageAsync(width, height, bypassCsp: bypassCsp);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send sign-in link" }).ClickAsync();
        var mail = await NextMailAsync(email, "sign-in") ?? throw new InvalidOperationException($"No sign-in mail for {email}.");
        await FollowSignInLinkAsync(page, Mail.LinkIn(mail), width);
        return page;
    }

    /// <summary>
    /// The app's clock, which journeys move forward: mail is stamped with it, so "sent since I asked"
    /// must be measured on it, or a mail from after an earlier journey's jump looks newer than one's own.
    /// </summary>
    public async Task<DateTimeOffset> AppNowAsync(IPage page) => (await GetAsync(page, "/api/testing/clock")).GetProperty("now").GetDateTimeOffset();

    /// <summary>Set-up through the API with the page's own session (and the Origin a browser would send).</summary>
    public async Task<System.Text.Json.JsonElement> PostAsync(IPage page, string url, object body)
    {
        var response = await page.Context.APIRequest.PostAsync(url, new APIRequestContextOptions
        {
            DataObject = body,
            Headers = new Dictionary<string, string> { ["Origin"] = BaseUrl },
        });
        if (!response.Ok)
        {
            throw new InvalidOperationException($"{url}: {response.Status} {await response.TextAsync()}");
        }
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>An organisation made by the coordinator through the API; its id.</summary>
    public async Task<string> CreateOrganisationAsync(IPage coordinator, string name, string country, string city, string kind) =>
        (await PostAsync(coordinator, "/api/organisations", new { name, country, city, kind })).GetProperty("id").GetString()!;

    /// <summary>Any method, with the If-Match an edit needs; the answer's JSON (an empty object for 204).</summary>
    public async Task<System.Text.Json.JsonElement> SendAsync(IPage page, string method, string url, object? body = null, string? etag = null)
    {
        var headers = new Dictionary<string, string> { ["Origin"] = BaseUrl };
        if (etag is not null)
        {
            headers["If-Match"] = etag;
        }
        var response = await page.Context.APIRequest.FetchAsync(url, new APIRequestContextOptions { Method = method, DataObject = body, Headers = headers });
        if (!response.Ok)
        {
            throw new InvalidOperationException($"{method} {url}: {response.Status} {await response.TextAsync()}");
        }
        return response.Status == 204 ? System.Text.Json.JsonDocument.Parse("{}").RootElement : (await response.JsonAsync())!.Value;
    }

    public async Task<System.Text.Json.JsonElement> GetAsync(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        if (!response.Ok)
        {
            throw new InvalidOperationException($"{url}: {response.Status} {await response.TextAsync()}");
        }
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>Invites an editor for an organisation and returns their signed-in page.</summary>
    public async Task<IPage> InvitePartnerAsync(IPage coordinator, string organisationId, string email, int width = 1280, int height = 900)
    {
        await PostAsync(coordinator, "/api/invitations", new { email, organisationId });
        var mail = await NextMailAsync(email, "invitation") ?? throw new InvalidOperationException($"No invitation for {email}.");
        var page = await NewPageAsync(width, height);
        await FollowSignInLinkAsync(page, Mail.LinkIn(mail), width);
        return page;
    }

    /// <summary>Opens a sign-in or invitation link and waits until the page shows its user signed in.</summary>
    private static async Task FollowSignInLinkAsync(IPage page, string link, int width)
    {
        await page.GotoAsync(link);
        // On a phone the signed-in menu sits behind the Menu button.
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var phone = width < 768;
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true });
        await Assertions.Expect(signOut).ToBeAttachedAsync();
        // The page may still move on from the link's address, which closes the menu again.
        for (var i = 0; phone && i < 40 && !await signOut.IsVisibleAsync(); i++)
        {
            if (await menu.GetAttributeAsync("aria-expanded") != "true")
            {
                await menu.ClickAsync();
            }
            await Task.Delay(250);
        }
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        if (phone && await menu.GetAttributeAsync("aria-expanded") == "true")
        {
            await menu.ClickAsync();
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _usedMail = new();

    /// <summary>
    /// The newest mail of a category to an address that no earlier call returned. Not by time: the
    /// app's clock runs ahead once a journey has moved it, so every later mail looks new.
    /// </summary>
    public Task<Exchange.Email.OutboxMessage?> NextMailAsync(string to, string category) =>
        Mail.FindAsync(Azurite, to, m => m.Category == category && _usedMail.TryAdd(m.Id, true));

    private readonly List<IPage> _pages = [];

    /// <summary>Runs a journey; if it fails, every open page is saved as a screenshot under artifacts/browser.</summary>
    public async Task JourneyAsync(string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            var folder = Path.Combine(Repository.Root, "artifacts", "browser");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < _pages.Count; i++)
            {
                if (!_pages[i].IsClosed)
                {
                    await _pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{i}.png"), FullPage = true });
                }
            }
            throw;
        }
    }

    /// <summary>Uncaught script errors on any page; a journey asserts there were none of its own.</summary>
    public List<string> PageErrors { get; } = [];
}
