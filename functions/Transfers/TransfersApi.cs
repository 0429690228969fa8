using System.Globalization;
using System.Security.Claims;
using System.Text;
using Exchange.Accounts;
using Exchange.Catalogue;
using Exchange.Common;
using Exchange.Organisations;
using Exchange.Practices;
using Exchange.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Transfers;

/// <summary>
/// "We tried this": a partner records that it adopted or adapted another partner's published
/// practice, how it fits it to its context, whom it serves, how it stands and its outcome
/// indicators over time. A twinning learner's outcome is a transfer record too (read-only here:
/// it is written on the twinning).
/// </summary>
public static class TransfersApi
{
    public const int MaxIndicators = 20;

    public static IServiceCollection AddTransfers(this IServiceCollection services)
    {
        services.AddSingleton<TransferStore>();
        services.AddSingleton<TransferRecords>();
        services.AddSingleton<ICatalogueTransfers>(sp => sp.GetRequiredService<TransferRecords>());
        services.AddSingleton<TransferDirectory>();
        services.AddSingleton<IPersonalDataHolder, TransferPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapTransfers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/transfers").WithTags("Transfers");
        group.MapGet("/", ListAsync).WithSummary("Records of practices taken up by partners (open data), optionally of one practice or organisation.");
        group.MapGet("/export.json", ExportJsonAsync).Produces<List<TransferView>>(contentType: "application/json")
            .WithSummary("Every published transfer record, as one JSON download (open data).");
        group.MapGet("/export.csv", ExportCsvAsync).Produces<string>(contentType: "text/csv").WithSummary("Every published transfer record, as CSV (open data).");
        group.MapGet("/partners/{organisationId}", PartnerAsync).WithSummary("The practices a partner took up and those others took up from it.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Editor).Accepts<TransferInput>("application/json").ETag()
            .WithSummary("Record that an organisation took up a practice ('we tried this').");
        group.MapGet("/{id}", GetAsync).ETag().WithSummary("One transfer record.");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Editor).Accepts<TransferEditInput>("application/json").IfMatch("transfer record").ETag()
            .WithSummary("Change a transfer record.");
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Editor).IfMatch("transfer record").WithSummary("Delete a transfer record.");
        return app;
    }

    /// <summary>Records of one practice (its "Taken up by…"), or by one adopting organisation; the newest first.</summary>
    public static async Task<Ok<List<TransferView>>> ListAsync(string? practiceId, string? organisationId, ClaimsPrincipal user, TransferDirectory d, CancellationToken ct) =>
        TypedResults.Ok(await d.ViewsAsync(await d.ListAsync(Clean(practiceId), Clean(organisationId), ct), user, ct));

    public static async Task<Results<Ok<PartnerTransfers>, ProblemHttpResult>> PartnerAsync(string organisationId, ClaimsPrincipal user, TransferDirectory d, CancellationToken ct)
    {
        if (await d.OrganisationAsync(organisationId, ct) is null)
        {
            return Problems.NotFound("The partner");
        }
        var all = await d.ViewsAsync(await d.ListAsync(null, null, ct), user, ct);
        return TypedResults.Ok(new PartnerTransfers(
            all.Where(t => t.Organisation.Id == organisationId).ToList(),
            all.Where(t => t.Practice.OrganisationId == organisationId).ToList()));
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, TransferDirectory d, CancellationToken ct)
    {
        if (await d.FindAsync(id, ct) is not { } record || (await d.ViewsAsync([record], context.User, ct)).FirstOrDefault() is not { } view)
        {
            return Problems.NotFound("The transfer record");
        }
        if (record.Source == TransferSource.Partner)
        {
            context.Response.Headers.ETag = record.ETag;
        }
        return TypedResults.Ok(view);
    }

    /// <summary>Body → validate (a published practice of another organisation, the partner's own organisation) → save.</summary>
    public static async Task<Results<Created<TransferView>, ProblemHttpResult>> CreateAsync(HttpContext context, TransferDirectory d, CancellationToken ct)
    {
        if (!(await JsonBody.ReadAsync<TransferInput>(context.Request, ct)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var v = new Validator();
        var organisationId = v.RequiredText("organisationId", input.OrganisationId, 100);
        var practiceId = v.RequiredText("practiceId", input.PracticeId, 140);
        if (organisationId is not null && !context.User.MayEditOrganisation(organisationId))
        {
            return Problems.Forbidden("A partner records what its own organisation took up.");
        }
        if (organisationId is not null && await d.OrganisationAsync(organisationId, ct) is null)
        {
            v.Add("organisationId", "There is no partner with this id.");
        }
        var practice = practiceId is null ? null : await d.PublishedPracticeAsync(practiceId, ct);
        if (practiceId is not null && practice is null)
        {
            v.Add("practiceId", "Choose a published practice.");
        }
        else if (practice is not null && practice.OrganisationId == organisationId)
        {
            v.Add("practiceId", "Choose a practice of another organisation: this one is your own.");
        }
        var fields = Fields(v, input.Kind, input.StartedOn, input.Changes, input.ServesWhom, input.Status, input.StatusReason, input.Language, input.Results, input.Indicators, d.Today);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var now = d.Now;
        var record = fields!.Apply(new TransferRecord(practice!.Id, organisationId!, TransferSource.Partner, null, TransferKind.Adopted, d.Today, "", "",
            TransferStatus.Trying, null, "en", null, [], [], now, now, context.User.Email(), ""));
        if (await d.Store.CreateAsync(record, ct) is not { } saved)
        {
            return Problems.Conflict("Your organisation already has a record of this practice: update it instead.");
        }
        await d.ChangedAsync(ct);
        d.Logger.LogInformation("Transfer record {TransferId} created by {User}", saved.Id, context.User.Email());
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Created($"/api/transfers/{saved.Id}", (await d.ViewsAsync([saved], context.User, ct))[0]);
    }

    /// <summary>If-Match → load → the partner's own → body → validate → save; a change of status or indicators keeps the earlier state in the history.</summary>
    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> UpdateAsync(string id, HttpContext context, TransferDirectory d, CancellationToken ct)
    {
        var edit = await Edit.RunAsync(context.Request, "transfer record", () => OwnAsync(id, context.User, d, ct), (TransferRecord existing, TransferEditInput i) =>
        {
            var v = new Validator();
            var fields = Fields(v, i.Kind, i.StartedOn, i.Changes, i.ServesWhom, i.Status, i.StatusReason, i.Language, i.Results, i.Indicators, d.Today);
            if (fields is null || !v.IsValid)
            {
                return v.ToProblem();
            }
            var changed = fields.Apply(existing) with { UpdatedAt = d.Now, UpdatedBy = context.User.Email() };
            return changed.Status != existing.Status || changed.StatusReason != existing.StatusReason || !changed.Indicators.SequenceEqual(existing.Indicators)
                ? changed with { History = [.. existing.History.TakeLast(99), new TransferSnapshot(existing.UpdatedAt, existing.Status, existing.StatusReason, existing.Indicators)] }
                : changed;
        }, (changed, etag) => d.Store.SaveAsync(changed, etag, ct), Stale, ct);
        if (!edit.TryGet(out var saved, out var problem))
        {
            return problem;
        }
        await d.ChangedAsync(ct);
        context.Response.Headers.ETag = saved.ETag;
        return TypedResults.Ok((await d.ViewsAsync([saved], context.User, ct))[0]);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext context, TransferDirectory d, CancellationToken ct)
    {
        if (!EditPrecondition.Require(context.Request, "transfer record").TryGet(out var etag, out var problem))
        {
            return problem;
        }
        if (!(await OwnAsync(id, context.User, d, ct)).TryGet(out var record, out problem))
        {
            return problem;
        }
        if (!await d.Store.DeleteAsync(record, etag, ct))
        {
            return Stale;
        }
        await d.ChangedAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<FileContentHttpResult> ExportJsonAsync(TransferDirectory d, CancellationToken ct)
    {
        var views = await d.ViewsAsync(await d.ListAsync(null, null, ct), new ClaimsPrincipal(), ct);
        return TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(views, JsonDefaults.Options), "application/json", "exchange-transfers.json");
    }

    public static async Task<FileContentHttpResult> ExportCsvAsync(TransferDirectory d, CancellationToken ct)
    {
        var views = await d.ViewsAsync(await d.ListAsync(null, null, ct), new ClaimsPrincipal(), ct);
        var csv = new StringBuilder("id,practice_id,practice,practice_organisation,practice_country,organisation_id,organisation,country,source,twinning_id,kind,started_on,status,status_reason,changes,serves,results,indicators,language,updated_at,url\r\n");
        foreach (var t in views)
        {
            string[] row =
            [
                t.Id, t.Practice.Id, t.Practice.Name, t.Practice.OrganisationName, t.Practice.Country, t.Organisation.Id, t.Organisation.Name, t.Organisation.Country,
                Wire(t.Source), t.TwinningId ?? "", Wire(t.Kind), t.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Wire(t.Status), t.StatusReason ?? "",
                t.Changes, t.ServesWhom, t.Results ?? "", string.Join(';', t.Indicators.Select(x => x.Value is null ? x.Name : $"{x.Name}: {x.Value}")), t.Language,
                t.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), $"/transfers/{t.Id}",
            ];
            csv.Append(string.Join(',', row.Select(Csv))).Append("\r\n");
        }
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "exchange-transfers.csv");
    }

    private static ProblemHttpResult Stale => Problems.Conflict("Someone changed this record after you opened it. Reload to see their changes.");

    private static async Task<Result<TransferRecord>> OwnAsync(string id, ClaimsPrincipal user, TransferDirectory d, CancellationToken ct)
    {
        if (await d.FindAsync(id, ct) is not { } record)
        {
            return Problems.NotFound("The transfer record");
        }
        if (!user.MayEditOrganisation(record.OrganisationId))
        {
            return Problems.Forbidden("A partner changes only its own organisation's records.");
        }
        if (record.Source == TransferSource.Twinning)
        {
            return Problems.Conflict("This record is a twinning's outcome: change it on the twinning.");
        }
        return record;
    }

    private sealed record TransferFields(TransferKind Kind, DateOnly StartedOn, string Changes, string ServesWhom, TransferStatus Status, string? StatusReason,
        string Language, string? Results, List<Indicator> Indicators)
    {
        public TransferRecord Apply(TransferRecord r) => r with
        {
            Kind = Kind, StartedOn = StartedOn, Changes = Changes, ServesWhom = ServesWhom, Status = Status, StatusReason = StatusReason,
            Language = Language, Results = Results, Indicators = Indicators,
        };
    }

    private static TransferFields? Fields(Validator v, TransferKind? kind, DateOnly? startedOn, string? changes, string? servesWhom, TransferStatus? status,
        string? statusReason, string? language, string? results, List<IndicatorInput>? indicators, DateOnly today)
    {
        if (kind is null)
        {
            v.Add("kind", "Say whether you adopted the practice as it is or adapted it.");
        }
        if (startedOn is null)
        {
            v.Add("startedOn", "Give the day you started.");
        }
        else if (startedOn < new DateOnly(1990, 1, 1) || startedOn > today.AddDays(366))
        {
            v.Add("startedOn", "Give a day from 1990 to a year from now.");
        }
        var changesText = v.RequiredText("changes", changes, 4000);
        var serves = v.RequiredText("servesWhom", servesWhom, 1000);
        if (status is null)
        {
            v.Add("status", "Say whether you are trying it, adopted it or stopped.");
        }
        var reason = v.OptionalText("statusReason", statusReason, 1000);
        if (status == TransferStatus.Stopped && reason is null)
        {
            v.Add("statusReason", "Say why you stopped.");
        }
        var lang = Vocabulary.NormaliseLanguage(language?.Trim());
        if (lang is null)
        {
            v.Add("language", "Choose one of the partnership's languages.");
        }
        var resultsText = v.OptionalText("results", results, 4000);
        var list = new List<Indicator>();
        if (indicators is { Count: > MaxIndicators })
        {
            v.Add("indicators", $"At most {MaxIndicators} indicators.");
        }
        else
        {
            for (var i = 0; i < (indicators?.Count ?? 0); i++)
            {
                var name = v.RequiredText($"indicators[{i}].name", indicators![i]?.Name, 200);
                var value = v.OptionalText($"indicators[{i}].value", indicators[i]?.Value, 100);
                list.Add(new Indicator(name ?? "", value));
            }
        }
        return v.IsValid ? new TransferFields(kind!.Value, startedOn!.Value, changesText!, serves!, status!.Value, reason, lang!, resultsText, list) : null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Wire<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>RFC 4180 quoting, and a leading apostrophe so spreadsheets never run a cell as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
