using System.Text;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Tests.Unit;

/// <summary>The one edit path (If-Match → load → body → validate → save) over a real table.</summary>
public sealed class EditTests
{
    private sealed record Note(string Id, string Text, string ETag);

    private sealed record NoteInput(string? Text);

    private static async Task<TableClient> TableAsync()
    {
        var azurite = await Azurite.InstanceAsync();
        var table = new TableClient(azurite.ConnectionString, "edits" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        return table;
    }

    private static async Task<Note> AddAsync(TableClient table, string id, string text)
    {
        var response = await table.AddEntityAsync(new TableEntity("notes", id) { ["Text"] = text });
        return new Note(id, text, response.Headers.ETag?.ToString() ?? "");
    }

    private static async Task<string?> StoredTextAsync(TableClient table, string id)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>("notes", id);
        return found.HasValue ? found.Value?.GetString("Text") : null;
    }

    private static HttpRequest Request(string? ifMatch, string? body)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }
        return context.Request;
    }

    /// <summary>Runs the path with the note's own steps; <paramref name="loads"/> counts how often storage was read.</summary>
    private static Task<Result<Note>> EditAsync(TableClient table, string id, HttpRequest request, List<string>? loads = null) =>
        Edit.RunAsync(request, "note", async () =>
            {
                loads?.Add(id);
                var found = await table.GetEntityIfExistsAsync<TableEntity>("notes", id);
                return found.HasValue && found.Value is { } e ? new Note(id, e.GetString("Text") ?? "", e.ETag.ToString()) : Problems.NotFound("The note");
            },
            (Note note, NoteInput input) =>
            {
                var v = new Validator();
                var text = v.RequiredText("text", input.Text, 100);
                return text is null || !v.IsValid ? v.ToProblem() : note with { Text = text };
            },
            async (changed, etag) => await table.ReplaceIfMatchAsync(new TableEntity("notes", changed.Id) { ["Text"] = changed.Text }, etag, default) is { } saved
                ? changed with { ETag = saved }
                : null,
            Edit.Stale("note"), default);

    private static ProblemHttpResult Problem(Result<Note> result)
    {
        Assert.False(result.TryGet(out _, out var problem));
        return problem;
    }

    private static string[] Fields(ProblemHttpResult problem) =>
        Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors.Keys.Order().ToArray();

    [Fact]
    public async Task Without_If_Match_the_edit_is_428_and_reads_nothing()
    {
        var table = await TableAsync();
        var note = await AddAsync(table, "a", "first");
        var loads = new List<string>();

        var problem = Problem(await EditAsync(table, note.Id, Request(null, """{"text":"second"}"""), loads));

        Assert.Equal(StatusCodes.Status428PreconditionRequired, problem.StatusCode);
        Assert.Empty(loads);
        Assert.Equal("first", await StoredTextAsync(table, note.Id));
    }

    [Fact]
    public async Task A_malformed_If_Match_is_400_naming_the_header()
    {
        var table = await TableAsync();
        var note = await AddAsync(table, "a", "first");

        var problem = Problem(await EditAsync(table, note.Id, Request("\"not-ours\"", """{"text":"second"}""")));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal(["If-Match"], Fields(problem));
    }

    [Fact]
    public async Task A_missing_record_is_404_before_the_body_is_read()
    {
        var table = await TableAsync();
        var note = await AddAsync(table, "a", "first");

        var problem = Problem(await EditAsync(table, "nobody", Request(note.ETag, "not json")));

        Assert.Equal(StatusCodes.Status404NotFound, problem.StatusCode);
    }

    [Fact]
    public async Task A_bad_body_is_400_naming_the_field_and_nothing_is_saved()
    {
        var table = await TableAsync();
        var note = await AddAsync(table, "a", "first");

        var empty = Problem(await EditAsync(table, note.Id, Request(note.ETag, """{"text":"  "}""")));
        var wrongType = Problem(await EditAsync(table, note.Id, Request(note.ETag, """{"text":42}""")));

        Assert.Equal(["text"], Fields(empty));
        Assert.Equal(["text"], Fields(wrongType));
        Assert.Equal("first", await StoredTextAsync(table, note.Id));
    }

    [Fact]
    public async Task An_edit_from_an_older_version_is_409_and_keeps_the_newer_one()
    {
        var table = await TableAsync();
        var old = await AddAsync(table, "a", "first");
        Assert.True((await EditAsync(table, old.Id, Request(old.ETag, """{"text":"second"}"""))).TryGet(out _, out _));

        var problem = Problem(await EditAsync(table, old.Id, Request(old.ETag, """{"text":"third"}""")));

        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("second", await StoredTextAsync(table, old.Id));
    }

    [Fact]
    public async Task A_good_edit_is_saved_and_comes_back_with_its_new_ETag()
    {
        var table = await TableAsync();
        var note = await AddAsync(table, "a", "first");

        Assert.True((await EditAsync(table, note.Id, Request(note.ETag, """{"text":"second"}"""))).TryGet(out var saved, out _));

        Assert.Equal("second", saved.Text);
        Assert.NotEqual(note.ETag, saved.ETag);
        Assert.Equal(saved.ETag, (await table.GetEntityAsync<TableEntity>("notes", note.Id)).Value.ETag.ToString());
        Assert.Equal("second", await StoredTextAsync(table, note.Id));
    }

    [Fact]
    public async Task Conditional_writes_say_no_to_a_changed_or_gone_record_and_to_a_second_creation()
    {
        var table = await TableAsync();
        var note = await AddAsync(table, "a", "first");
        var newer = await table.ReplaceIfMatchAsync(new TableEntity("notes", "a") { ["Text"] = "second" }, note.ETag, default);

        Assert.NotNull(newer);
        Assert.Null(await table.ReplaceIfMatchAsync(new TableEntity("notes", "a") { ["Text"] = "third" }, note.ETag, default));
        Assert.Null(await table.ReplaceIfMatchAsync(new TableEntity("notes", "gone") { ["Text"] = "x" }, note.ETag, default));
        Assert.Null(await table.AddOrReplaceIfMatchAsync(new TableEntity("notes", "a") { ["Text"] = "again" }, null, default));
        Assert.NotNull(await table.AddOrReplaceIfMatchAsync(new TableEntity("notes", "b") { ["Text"] = "new" }, null, default));
        Assert.False(await table.DeleteIfMatchAsync("notes", "a", note.ETag, default));
        Assert.True(await table.DeleteIfMatchAsync("notes", "a", newer, default));
        Assert.Null(await StoredTextAsync(table, "a"));
    }

    [Fact]
    public void A_rules_refusal_becomes_the_handlers_problem_and_a_value_passes_through()
    {
        Outcome<Note> refused = Outcome.Refuse("Not now.");
        Outcome<Note> accepted = new Note("a", "text", "");

        var problem = Problem(refused.OrProblem(Problems.Conflict));
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("Not now.", problem.ProblemDetails.Detail);
        Assert.True(accepted.OrProblem(Problems.Conflict).TryGet(out var note, out _));
        Assert.Equal("text", note.Text);
        Assert.Equal("Not now.", Assert.Throws<InvalidOperationException>(() => refused.OrThrow()).Message);
    }

    [Fact]
    public void A_refusal_keeps_its_kind_so_the_caller_can_answer_each_kind_in_its_own_way()
    {
        Outcome<Note> gone = Outcome.Refuse("The upload slot has expired.", RefusalKind.Gone);
        Outcome<Note> rule = Outcome.Refuse("Not now.");

        Assert.False(gone.TryGet(out _, out var reason));
        Assert.Equal(("The upload slot has expired.", RefusalKind.Gone), (reason, gone.Kind));
        Assert.Equal(RefusalKind.Refused, rule.Kind);
    }
}
