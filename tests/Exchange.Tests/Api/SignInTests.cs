using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

public sealed class SignInTests(ExchangeFactory factory) : IClassFixture<ExchangeFactory>
{
    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@addresses.org, other@addresses.org")]
    [InlineData("Name <name@example.org>")]
    [InlineData("")]
    [InlineData("no-domain@localhost")]
    public async Task Malformed_email_is_refused_naming_the_field(string email)
    {
        var client = factory.CreateBrowserClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email });
        await Problem.AssertFieldsAsync(response, "email");
    }

    [Fact]
    public async Task Unknown_and_known_addresses_get_the_same_answer_and_only_the_known_gets_mail()
    {
        var client = factory.CreateBrowserClient();
        var stranger = Unique.Email("stranger");

        var unknown = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = stranger });
        var known = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = factory.CoordinatorEmail });

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        Assert.NotNull(await factory.NextMailAsync(factory.CoordinatorEmail, "sign-in"));
        Assert.Equal(0, await Mail.CountAsync(factory.Azurite, stranger));
    }

    [Fact]
    public async Task A_sign_in_link_opens_a_session_once_and_only_once()
    {
        var client = factory.CreateBrowserClient();
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email = factory.CoordinatorEmail.ToUpperInvariant() });
        var mail = await factory.NextMailAsync(factory.CoordinatorEmail, "sign-in");
        Assert.NotNull(mail);
        Assert.StartsWith($"{ExchangeFactory.Origin}/sign-in/complete?token=", Mail.LinkIn(mail));
        var token = Mail.TokenIn(mail);

        var first = await client.PostAsJsonAsync("/api/auth/complete", new { token });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.True(me.GetProperty("signedIn").GetBoolean());
        Assert.Equal("coordinator", me.GetProperty("role").GetString());

        var again = await factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/complete", new { token });
        var problem = await Problem.AssertFieldsAsync(again, "token");
        Assert.Contains("already been used", problem.GetProperty("errors").GetProperty("token")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_simultaneous_redemptions_of_one_link_open_exactly_one_session()
    {
        var client = factory.CreateBrowserClient();
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email = factory.CoordinatorEmail });
        var token = Mail.TokenIn((await factory.NextMailAsync(factory.CoordinatorEmail, "sign-in"))!);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/complete", new { token })));

        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, attempts.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server()
    {
        var client = await factory.SignInAsCoordinatorAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.False(me.GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task Wrong_content_type_gets_415()
    {
        var client = factory.CreateBrowserClient();
        var response = await client.PostAsync("/api/auth/sign-in", new StringContent("email=a@b.org", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Oversized_body_gets_413()
    {
        var client = factory.CreateBrowserClient();
        var response = await client.PostAsync("/api/auth/sign-in", Problem.Json($"{{\"email\":\"{new string('a', 70_000)}@example.org\"}}"));
        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{\"email\": 42}", "email")]
    [InlineData("{\"email\": \"a@b.org\", \"admin\": true}", "admin")]
    [InlineData("{not json", "body")]
    [InlineData("", "body")]
    public async Task Malformed_json_names_the_field_at_fault(string raw, string field)
    {
        var client = factory.CreateBrowserClient();
        var response = await client.PostAsync("/api/auth/sign-in", Problem.Json(raw));
        await Problem.AssertFieldsAsync(response, field);
    }

    [Fact]
    public async Task Anonymous_me_says_signed_out()
    {
        var me = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>("/api/me");
        Assert.False(me.GetProperty("signedIn").GetBoolean());
    }
}

public sealed class SignInExpiryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ExchangeFactory _factory;

    public SignInExpiryTests() => _factory = ExchangeFactory.OnOwnStorage(_time);

    [Fact]
    public async Task A_link_older_than_fifteen_minutes_is_refused()
    {
        var client = _factory.CreateBrowserClient();
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email = _factory.CoordinatorEmail });
        var token = Mail.TokenIn((await _factory.NextMailAsync(_factory.CoordinatorEmail, "sign-in"))!);

        _time.Advance(TimeSpan.FromMinutes(16));

        var response = await client.PostAsJsonAsync("/api/auth/complete", new { token });
        var problem = await Problem.AssertFieldsAsync(response, "token");
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class SignInRateLimitTests : IDisposable
{
    private sealed class LowLimitFactory : ExchangeFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:SignInRequestsPerMinute"] = "3" };
    }

    private readonly LowLimitFactory _factory = new();

    [Fact]
    public async Task Sign_in_requests_beyond_the_limit_get_429()
    {
        var client = _factory.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/sign-in", new { email = Unique.Email("someone") })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var last = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = Unique.Email("someone") });
        await Problem.AssertAsync(last, HttpStatusCode.TooManyRequests);
    }

    public void Dispose() => _factory.Dispose();
}
