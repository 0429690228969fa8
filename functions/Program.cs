using Exchange.Accounts;
using Exchange.Demo;
using Exchange.Discussion;
using Exchange.Email;
using Exchange.Handbooks;
using Exchange.Hosting;
using Exchange.Materials;
using Exchange.Mobilities;
using Exchange.Organisations;
using Exchange.Privacy;
using Exchange.Practices;
using Exchange.Catalogue;
using Exchange.Coordination;
using Exchange.Site;
using Exchange.Storage;
using Exchange.Transfers;
using Exchange.Twinning;

// A document reader in the sandbox: nothing of the web host is built, so it starts at once.
if (TextExtractorMode.IsRequested(args))
{
    Environment.ExitCode = TextExtractorMode.Run(args);
    return;
}

// Settings come from the environment (app settings on Azure), so no file watcher is started.
var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

builder.AddHosting();
builder.AddTelemetry();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddEmail(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddOrganisations();
builder.Services.AddPractices();
builder.Services.AddMaterials(builder.Configuration);
builder.Services.AddMobilities(builder.Configuration);
builder.Services.AddCoordination();
builder.Services.AddPrivacy(builder.Configuration);
builder.Services.AddSite();
builder.Services.AddTwinning(builder.Configuration);
builder.Services.AddDiscussion(builder.Configuration);
builder.Services.AddTransfers();
builder.Services.AddHandbooks();
builder.Services.AddHostedServiceAfterStart<DemoSeeder>();
builder.Services.AddHostedServiceAfterStart<DemoTwinnings>();

if (args.Contains("--write-functions"))
{
    // Publish step: write the function.json folders from the code's own timer list, then exit.
    var output = args.SkipWhile(a => a != "--write-functions").Skip(1).FirstOrDefault() ?? ".";
    FunctionManifest.Write(output, builder.Services.Where(d => d.ServiceType == typeof(TimerDefinition)).Select(d => (TimerDefinition)d.ImplementationInstance!));
    return;
}

var app = builder.Build();

app.UseHosting();
app.UseMiddleware<StorageReadyGate>();
app.UseMiddleware<OriginCheckMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapCustomHandler();
app.MapHealth();
app.MapAccounts();
app.MapOrganisations();
app.MapPractices();
app.MapCatalogue();
app.MapMaterials();
app.MapMobilities();
app.MapTwinning();
app.MapDiscussion();
app.MapTransfers();
app.MapHandbooks();
app.MapOutbox();
app.MapPrivacy();
app.MapTestingClock();
app.MapSiteApi();
app.MapPublicPages();
app.MapSite();
app.AnswerHeadOnGetRoutes();

app.Run();

public partial class Program;
