using System.Text.Json;
using Azure.Data.Tables;
using Exchange.Common;

namespace Exchange.Storage;

/// <summary>
/// Stores a JSON document across string properties of one entity (a property holds at most
/// 64 KiB), so a whole aggregate is written atomically under one ETag.
/// </summary>
public static class EntityJson
{
    private const int ChunkChars = 30_000;

    public static void Write<T>(TableEntity entity, string name, T? value)
    {
        if (value is null)
        {
            entity[name + "_n"] = 0;
            return;
        }
        var json = JsonSerializer.Serialize(value, JsonDefaults.Options);
        var count = (json.Length + ChunkChars - 1) / ChunkChars;
        entity[name + "_n"] = count;
        for (var i = 0; i < count; i++)
        {
            entity[$"{name}_{i}"] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }
    }

    public static T? Read<T>(TableEntity entity, string name) where T : class
    {
        var count = entity.GetInt32(name + "_n") ?? 0;
        if (count == 0)
        {
            return null;
        }
        var json = string.Concat(Enumerable.Range(0, count).Select(i => entity.GetString($"{name}_{i}")));
        return JsonSerializer.Deserialize<T>(json, JsonDefaults.Options);
    }
}
