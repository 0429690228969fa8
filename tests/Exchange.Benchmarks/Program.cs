using Exchange.Benchmarks;
using Exchange.Tests.Infrastructure;

// Usage: ./benchmark.sh [catalogue|materials|sandbox|reminders|coldstart|frontend]
// Every figure is printed beside a baseline measured in the same run, because these machines are shared.
var which = args.Length == 0 ? "all" : args[0];
var azurite = await Azurite.InstanceAsync();
var ok = true;
if (which is "all" or "catalogue")
{
    ok &= await CatalogueBenchmark.RunAsync(azurite);
}
if (which is "all" or "reminders")
{
    ok &= await RemindersBenchmark.RunAsync(azurite);
}
if (which is "all" or "materials")
{
    ok &= await MaterialsBenchmark.RunAsync(azurite);
}
if (which is "all" or "sandbox")
{
    ok &= await SandboxBenchmark.RunAsync(azurite);
}
if (which is "all" or "coldstart")
{
    ok &= await ColdStartBenchmark.RunAsync(azurite);
}
if (which is "all" or "frontend")
{
    ok &= await FrontEndWeightBenchmark.RunAsync(azurite);
}
Console.WriteLine(ok ? "\nAll benchmark targets met." : "\nSome benchmark targets were missed (see FAIL above).");
return ok ? 0 : 1;
