using Exchange.Benchmarks;
using Exchange.Tests.Infrastructure;

// Usage: ./benchmark.sh [catalogue|materials|sandbox|reminders|coldstart|frontend]
// Every figure is printed beside a baseline measured in the same run, because these machines are shared.
var which = args.Length == 0 ? "all" : args[0];
var azurite = await Azurite.InstanceAsync();
(string Name, Func<Azurite, Task<bool>> RunAsync)[] benchmarks =
[
    ("catalogue", CatalogueBenchmark.RunAsync),
    ("reminders", RemindersBenchmark.RunAsync),
    ("materials", MaterialsBenchmark.RunAsync),
    ("sandbox", SandboxBenchmark.RunAsync),
    ("coldstart", ColdStartBenchmark.RunAsync),
    ("frontend", FrontEndWeightBenchmark.RunAsync),
];
var ok = true;
foreach (var benchmark in benchmarks.Where(b => which is "all" || which == b.Name))
{
    ok &= await benchmark.RunAsync(azurite);
}
Console.WriteLine(ok ? "\nAll benchmark targets met." : "\nSome benchmark targets were missed (see FAIL above).");
return ok ? 0 : 1;
