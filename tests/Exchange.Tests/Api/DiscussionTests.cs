using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Discussion;
using Exchange.Hosting;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>Comments through the API, on an Azurite of their own with a clock that moves only when a test moves it.</summary>
public sealed class DiscussionTests(DiscussionTests.Factory factory) : IClassFixture<DiscussionTests.Factory>
{
    public sealed class Factory() : ReminderFactory(DateTimeOffset.UtcNow, new Dictionary<string, string?>
    {
        ["Discussion:CommentsPerWindow"] = "8",
        ["Accounts:SessionLifetime"] = "7.00:00:00",
        ["Discussion:RateWindow"] = "00:10:00",
        ["Discussion:MaxCommentLength"] = "500",
    });

    private sealed record World(HttpClient Coordinator, HttpClient Author, string AuthorOrganisation, string AuthorEmail, HttpClient Reader,
        string ReaderOrganisation, string ReaderEmail, string PracticeId, string Thread);

    private async Task<World> SetUpAsync()
    {
        var coordinator = await factory.SignInAsCoordinatorAsync();
        var owner = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Comune di Ozieri"));
        var other = await factory.CreateOrganisationAsync(coordinator, Unique.Name("Centro per le famiglie di Rimini"));
        var authorEmail = Unique.Email("owner-editor");
        var author = await factory.SignInAsPartnerAsync(coordinator, owner.Id, authorEmail);
        var readerEmail = Unique.Email("reader-editor");
        var reader = await factory.SignInAsPartnerAsync(coordinator, other.Id, readerEmail);
        var practice = await Practices.PublishAsync(author, coordinator, await Practices.CreateAsync(author, Practices.Input(owner.Id, Unique.Name("Gruppi di parola"))));
        return new World(coordinator, author, owner.Id, authorEmail, reader, other.Id, readerEmail, practice.Id(), $"/api/discussion/practices/{practice.Id()}");
    }

    private static async Task<JsonElement> CommentAsync(HttpClient client, string thread, object body)
    {
        var response = await client.PostAsJsonAsync(thread + "/comments", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.ETag);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
        return await client.SendAsync(request);
    }

    private static string Etag(JsonElement comment) => comment.GetProperty("etag").GetString()!;

    private static string Id(JsonElement comment) => comment.GetProperty("id").GetString()!;

    [Fact]
    public async Task Members_comment_and_reply_one_level_deep_and_visitors_read_the_thread_with_names_organisations_and_languages()
    {
        var w = await SetUpAsync();
        var visitor = factory.CreateBrowserClient();
        var empty = await visitor.GetFromJsonAsync<JsonElement>(w.Thread);
        Assert.False(empty.GetProperty("canComment").GetBoolean());
        Assert.Equal(0, empty.GetProperty("comments").GetArrayLength());
        await Problem.AssertAsync(await visitor.PostAsJsonAsync(w.Thread + "/comments", new { text = "Hello", language = "en", authorName = "Someone" }), HttpStatusCode.Unauthorized);

        var question = await CommentAsync(w.Reader, w.Thread, new { text = "How do you reach separated fathers? See https://example.org/fathers.", language = "en", authorName = "Anna Bianchi" });
        var answer = await CommentAsync(w.Author, w.Thread, new { text = "Con i consultori: li invitano loro.", language = "it", authorName = "Maria Rossi", parentId = Id(question) });
        await Problem.AssertFieldsAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = "And then?", language = "en", parentId = Id(answer) }), "parentId");
        // The name is remembered: the next comment needs none.
        await CommentAsync(w.Reader, w.Thread, new { text = "Thanks, that helps.", language = "en" });

        var thread = await visitor.GetFromJsonAsync<JsonElement>(w.Thread);
        var comments = thread.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal(2, comments.Count);
        var first = comments[0];
        Assert.Equal("Anna Bianchi", first.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(w.ReaderOrganisation, first.GetProperty("author").GetProperty("organisationId").GetString());
        Assert.StartsWith("Centro per le famiglie di Rimini", first.GetProperty("author").GetProperty("organisationName").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", first.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("etag").ValueKind);
        var reply = Assert.Single(first.GetProperty("replies").EnumerateArray());
        Assert.Equal("it", reply.GetProperty("language").GetString());
        Assert.Equal("Maria Rossi", reply.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("Thanks, that helps.", comments[1].GetProperty("text").GetString());
        Assert.Equal("Anna Bianchi", comments[1].GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_author_edits_a_comment_for_fifteen_minutes_with_its_etag_and_nobody_else_can()
    {
        var w = await SetUpAsync();
        var comment = await CommentAsync(w.Reader, w.Thread, new { text = "First thoughts.", language = "en", authorName = "Anna" });
        var url = $"{w.Thread}/comments/{Id(comment)}";
        Assert.True(comment.GetProperty("canEdit").GetBoolean());

        await Problem.AssertAsync(await SendAsync(w.Reader, HttpMethod.Put, url, null, new { text = "Second thoughts." }), HttpStatusCode.PreconditionRequired);
        await Problem.AssertAsync(await SendAsync(w.Author, HttpMethod.Put, url, Etag(comment), new { text = "Not mine." }), HttpStatusCode.Forbidden);
        await Problem.AssertFieldsAsync(await SendAsync(w.Reader, HttpMethod.Put, url, Etag(comment), new { text = " " }), "text");
        var edited = await Practices.OkAsync(await SendAsync(w.Reader, HttpMethod.Put, url, Etag(comment), new { text = "Second thoughts.", language = "it" }));
        Assert.Equal("Second thoughts.", edited.GetProperty("text").GetString());
        Assert.Equal("it", edited.GetProperty("language").GetString());
        Assert.NotEqual(JsonValueKind.Null, edited.GetProperty("editedAt").ValueKind);
        await Problem.AssertAsync(await SendAsync(w.Reader, HttpMethod.Put, url, Etag(comment), new { text = "Stale." }), HttpStatusCode.Conflict);

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var late = await Problem.AssertAsync(await SendAsync(w.Reader, HttpMethod.Put, url, Etag(edited), new { text = "Too late." }), HttpStatusCode.Conflict);
        Assert.Contains("15 minutes", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var thread = await w.Reader.GetFromJsonAsync<JsonElement>(w.Thread);
        Assert.Equal("Second thoughts.", thread.GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.False(thread.GetProperty("comments")[0].GetProperty("canEdit").GetBoolean());
    }

    [Fact]
    public async Task Authors_delete_their_own_comments_and_a_comment_with_replies_leaves_a_place_for_them()
    {
        var w = await SetUpAsync();
        var lone = await CommentAsync(w.Reader, w.Thread, new { text = "A passing remark.", language = "en", authorName = "Anna" });
        var asked = await CommentAsync(w.Reader, w.Thread, new { text = "A question.", language = "en" });
        await CommentAsync(w.Author, w.Thread, new { text = "Una risposta.", language = "it", authorName = "Maria", parentId = Id(asked) });

        await Problem.AssertAsync(await SendAsync(w.Author, HttpMethod.Delete, $"{w.Thread}/comments/{Id(lone)}", Etag(lone)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(w.Reader, HttpMethod.Delete, $"{w.Thread}/comments/{Id(lone)}", Etag(lone))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(w.Reader, HttpMethod.Delete, $"{w.Thread}/comments/{Id(asked)}", Etag(asked))).StatusCode);

        var thread = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(w.Thread);
        var remaining = Assert.Single(thread.GetProperty("comments").EnumerateArray());
        Assert.Equal("deleted", remaining.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, remaining.GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.Null, remaining.GetProperty("author").ValueKind);
        Assert.Equal("Una risposta.", remaining.GetProperty("replies")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Bad_comments_get_a_problem_naming_the_field_and_unpublished_or_unknown_threads_are_not_found()
    {
        var w = await SetUpAsync();
        await Problem.AssertFieldsAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = "", language = "en", authorName = "Anna" }), "text");
        await Problem.AssertFieldsAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = new string('x', 501), language = "en", authorName = "Anna" }), "text");
        await Problem.AssertFieldsAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = "Hi", language = "xx", authorName = "Anna" }), "language");
        await Problem.AssertFieldsAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = "Hi", language = "en" }), "authorName");
        await Problem.AssertFieldsAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = "Hi", language = "en", authorName = "Anna", parentId = "nope" }), "parentId");
        await Problem.AssertAsync(await w.Reader.PostAsync(w.Thread + "/comments", Problem.Json("""{"text":"Hi","language":"en","authorName":"Anna","extra":1}""")), HttpStatusCode.BadRequest);

        var draft = await Practices.CreateAsync(w.Author, Practices.Input(w.AuthorOrganisation, Unique.Name("Bozza")));
        await Problem.AssertAsync(await w.Reader.PostAsJsonAsync($"/api/discussion/practices/{draft.Id()}/comments", new { text = "Hi", language = "en", authorName = "Anna" }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateBrowserClient().GetAsync($"/api/discussion/practices/{draft.Id()}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await factory.CreateBrowserClient().GetAsync("/api/discussion/essays/anything"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await SendAsync(w.Reader, HttpMethod.Put, $"{w.Thread}/comments/..%2f..", "W/\"datetime'2026-01-31T10%3A00%3A00.1234567Z'\"", new { text = "x" }), HttpStatusCode.NotFound);
        Assert.Equal(0, (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(w.Thread)).GetProperty("comments").GetArrayLength());
    }

    [Fact]
    public async Task Each_account_has_its_own_comment_budget_and_the_one_who_spends_it_gets_429_with_a_problem()
    {
        var w = await SetUpAsync();
        for (var i = 0; i < 8; i++)
        {
            await CommentAsync(w.Reader, w.Thread, new { text = $"Comment {i}", language = "en", authorName = "Anna" });
        }
        var refused = await Problem.AssertAsync(await w.Reader.PostAsJsonAsync(w.Thread + "/comments", new { text = "One more", language = "en" }), HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many comments.", refused.GetProperty("title").GetString());
        // A colleague on the same network is not held back.
        await CommentAsync(w.Author, w.Thread, new { text = "Io posso ancora.", language = "it", authorName = "Maria" });
        Assert.Equal(9, (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(w.Thread)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Members_report_a_comment_and_the_coordinator_hides_it_with_a_reason_the_public_reads_in_its_place_then_restores_it()
    {
        var w = await SetUpAsync();
        var comment = await CommentAsync(w.Reader, w.Thread, new { text = "Buy cheap things at https://spam.example.com", language = "en", authorName = "Spammer" });
        var url = $"{w.Thread}/comments/{Id(comment)}";
        Assert.Equal(HttpStatusCode.NoContent, (await w.Author.PostAsJsonAsync(url + "/report", new { reason = "Advertising" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.Author.PostAsync(url + "/report", null)).StatusCode);
        await Problem.AssertAsync(await factory.CreateBrowserClient().PostAsync(url + "/report", null), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await w.Author.GetAsync("/api/discussion/reports"), HttpStatusCode.Forbidden);

        var reports = await w.Coordinator.GetFromJsonAsync<JsonElement>("/api/discussion/reports");
        var reported = Assert.Single(reports.EnumerateArray(), r => r.GetProperty("comment").GetProperty("id").GetString() == Id(comment));
        Assert.Equal(1, reported.GetProperty("comment").GetProperty("reportCount").GetInt32());
        Assert.Equal("Advertising", reported.GetProperty("reasons")[0].GetString());
        var etag = Etag(reported.GetProperty("comment"));

        await Problem.AssertAsync(await SendAsync(w.Author, HttpMethod.Post, url + "/hide", etag, new { reason = "Advertising" }), HttpStatusCode.Forbidden);
        await Problem.AssertFieldsAsync(await SendAsync(w.Coordinator, HttpMethod.Post, url + "/hide", etag, new { reason = "" }), "reason");
        var hidden = await Practices.OkAsync(await SendAsync(w.Coordinator, HttpMethod.Post, url + "/hide", etag, new { reason = "Advertising is not allowed here." }));
        Assert.Equal("hidden", hidden.GetProperty("status").GetString());

        var seen = (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(w.Thread)).GetProperty("comments")[0];
        Assert.Equal("hidden", seen.GetProperty("status").GetString());
        Assert.Equal("Advertising is not allowed here.", seen.GetProperty("hiddenReason").GetString());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("text").ValueKind);
        Assert.DoesNotContain(await w.Coordinator.GetFromJsonAsync<JsonElement>("/api/discussion/reports") is var after ? after.EnumerateArray() : [], r => r.GetProperty("comment").GetProperty("id").GetString() == Id(comment));
        await Problem.AssertAsync(await SendAsync(w.Reader, HttpMethod.Put, url, Etag(comment), new { text = "Edited away." }), HttpStatusCode.Conflict);

        await Problem.AssertAsync(await SendAsync(w.Coordinator, HttpMethod.Post, url + "/restore", etag), HttpStatusCode.Conflict);
        var restored = await Practices.OkAsync(await SendAsync(w.Coordinator, HttpMethod.Post, url + "/restore", Etag(hidden)));
        Assert.Equal("visible", restored.GetProperty("status").GetString());
        Assert.Equal("Buy cheap things at https://spam.example.com",
            (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(w.Thread)).GetProperty("comments")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_practices_organisation_gets_one_digest_a_day_of_new_comments_unless_it_switched_it_off()
    {
        var w = await SetUpAsync();
        await CommentAsync(w.Reader, w.Thread, new { text = "We would like to try this in Rimini.", language = "en", authorName = "Anna Bianchi" });
        await CommentAsync(w.Author, w.Thread, new { text = "Own comments are not news to us.", language = "en", authorName = "Maria" });

        await RunDigestAsync();
        var digest = await factory.NextMailAsync(w.AuthorEmail, DiscussionMails.Category, TimeSpan.FromSeconds(10));
        Assert.NotNull(digest);
        Assert.Contains("We would like to try this in Rimini.", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Anna Bianchi", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Own comments", digest.Text, StringComparison.Ordinal);
        Assert.Contains($"/practices/{w.PracticeId}#discussion", digest.Text, StringComparison.Ordinal);
        Assert.Null(await factory.NextMailAsync(w.ReaderEmail, DiscussionMails.Category, TimeSpan.FromSeconds(1)));

        // A second comment the same day waits for tomorrow's digest.
        await CommentAsync(w.Reader, w.Thread, new { text = "One more thing.", language = "en" });
        await RunDigestAsync();
        Assert.Null(await factory.NextMailAsync(w.AuthorEmail, DiscussionMails.Category, TimeSpan.FromSeconds(1)));
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await RunDigestAsync();
        var next = await factory.NextMailAsync(w.AuthorEmail, DiscussionMails.Category, TimeSpan.FromSeconds(10));
        Assert.NotNull(next);
        Assert.Contains("One more thing.", next.Text, StringComparison.Ordinal);

        // Switched off: nothing, and nothing piles up.
        await Problem.AssertAsync(await w.Reader.PutAsJsonAsync($"/api/discussion/settings/{w.AuthorOrganisation}", new { digestOn = false }), HttpStatusCode.Forbidden);
        await Problem.AssertFieldsAsync(await w.Author.PutAsJsonAsync($"/api/discussion/settings/{w.AuthorOrganisation}", new { }), "digestOn");
        var off = await Practices.OkAsync(await w.Author.PutAsJsonAsync($"/api/discussion/settings/{w.AuthorOrganisation}", new { digestOn = false }));
        Assert.False(off.GetProperty("digestOn").GetBoolean());
        await Problem.AssertAsync(await w.Author.PutAsJsonAsync($"/api/discussion/settings/{w.AuthorOrganisation}", new { digestOn = true }), HttpStatusCode.BadRequest);
        await CommentAsync(w.Reader, w.Thread, new { text = "Nobody will be told.", language = "en" });
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await RunDigestAsync();
        Assert.Null(await factory.NextMailAsync(w.AuthorEmail, DiscussionMails.Category, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Twinnings_have_threads_too_and_their_mentor_is_told()
    {
        var w = await SetUpAsync();
        var created = await w.Coordinator.PostAsJsonAsync("/api/twinnings", TwinningRequests.Twinning(w.AuthorOrganisation, [w.ReaderOrganisation]));
        var twinning = await created.Content.ReadFromJsonAsync<JsonElement>();
        var thread = $"/api/discussion/twinnings/{twinning.GetProperty("id").GetString()}";
        var comment = await CommentAsync(w.Coordinator, thread, new { text = "Welcome to the twinning.", language = "en", authorName = "The coordinator" });
        Assert.True(comment.GetProperty("author").GetProperty("isCoordinator").GetBoolean());
        var read = await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(thread);
        Assert.StartsWith("Family mediation", read.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, read.GetProperty("count").GetInt32());
        await Problem.AssertAsync(await factory.CreateBrowserClient().GetAsync("/api/discussion/twinnings/no-such-twinning"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_members_comments_are_in_their_export_and_when_they_leave_the_comments_stay_with_their_organisation_without_their_name()
    {
        var w = await SetUpAsync();
        var name = Unique.Name("Anna Bianchi");
        await CommentAsync(w.Reader, w.Thread, new { text = "We tried the parents' groups in Rimini.", language = "en", authorName = name });
        await RunDigestAsync();
        Assert.NotNull(await factory.NextMailAsync(w.AuthorEmail, DiscussionMails.Category, TimeSpan.FromSeconds(10)));
        var transfer = await w.Reader.PostAsJsonAsync("/api/transfers", TransferTests.Record(w.PracticeId, w.ReaderOrganisation));
        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);

        var export = await w.Reader.GetAsync("/api/me/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            var json = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open()).RootElement;
            var records = json.GetProperty("records").EnumerateArray().ToList();
            var comment = Assert.Single(records, r => r.GetProperty("kind").GetString() == "comment");
            Assert.Equal("We tried the parents' groups in Rimini.", comment.GetProperty("fields").GetProperty("Text").GetString());
            Assert.Contains(records, r => r.GetProperty("kind").GetString() == "comment-name");
        }

        Assert.Equal(HttpStatusCode.NoContent, (await w.Reader.DeleteAsync("/api/me")).StatusCode);
        var kept = (await factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>(w.Thread)).GetProperty("comments")[0];
        Assert.Equal("We tried the parents' groups in Rimini.", kept.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("author").GetProperty("name").ValueKind);
        Assert.Equal(w.ReaderOrganisation, kept.GetProperty("author").GetProperty("organisationId").GetString());
        Assert.Empty(await StorageScan.FindAsync(factory.Azurite, name, w.ReaderEmail));
    }

    private async Task RunDigestAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendDiscussionDigest>().RunAsync(new TimerRun(factory.Clock.GetUtcNow(), false, "test"), default);
    }
}
