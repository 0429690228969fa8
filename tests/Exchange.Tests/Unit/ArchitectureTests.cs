using NetArchTest.Rules;

namespace Exchange.Tests.Unit;

/// <summary>
/// The feature folders (namespaces <c>Exchange.&lt;Area&gt;</c>) depend on each other one way: a
/// lower area that must react to a higher one defines a small interface the higher one implements.
/// The graph is read from the compiled code, so a dependency through any type counts.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly App = typeof(Exchange.Common.Problems).Assembly;

    private static IReadOnlyList<string> Areas() =>
        App.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Exchange.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1]).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Area → the areas its types use.</summary>
    private static Dictionary<string, SortedSet<string>> Graph()
    {
        var areas = Areas();
        var graph = areas.ToDictionary(a => a, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var from in areas)
        {
            foreach (var to in areas.Where(a => a != from))
            {
                var users = Types.InAssembly(App).That().ResideInNamespace($"Exchange.{from}")
                    .And().HaveDependencyOn($"Exchange.{to}").GetTypes()
                    // "Exchange.Practices" is also the prefix of nothing else, but say so exactly.
                    .Where(t => t.Namespace == $"Exchange.{from}" || t.Namespace?.StartsWith($"Exchange.{from}.", StringComparison.Ordinal) == true);
                if (users.Any())
                {
                    graph[from].Add(to);
                }
            }
        }
        return graph;
    }

    private static List<string>? Cycle(Dictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string area)
        {
            state[area] = 1;
            path.Add(area);
            foreach (var next in graph[area])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(a => a != next), next];
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[area] = 2;
            return null;
        }
        return graph.Keys.Where(a => state.GetValueOrDefault(a) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [Fact]
    public void Feature_folders_depend_on_each_other_one_way()
    {
        var graph = Graph();
        Assert.True(graph.Count > 10, "The areas were not found.");
        var cycle = Cycle(graph);
        Assert.True(cycle is null, $"The feature folders depend on each other in a circle: {string.Join(" → ", cycle ?? [])}.\n" +
            string.Join("\n", graph.Select(g => $"{g.Key} → {string.Join(", ", g.Value)}")));
    }

    [Fact]
    public void The_shared_bottom_depends_on_no_feature()
    {
        var graph = Graph();
        Assert.Empty(graph["Common"]);
    }

    [Fact]
    public void A_cycle_is_found_when_there_is_one()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };
        Assert.Equal(["A", "B", "C", "A"], Cycle(graph));
        graph["C"].Clear();
        Assert.Null(Cycle(graph));
    }
}
