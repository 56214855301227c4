using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudentBase.History;

/// <summary>
/// Event data as analysts read it: named as the API names it (camelCase) and with enums as their names
/// (<c>"degreeLevel": "Bachelor"</c>), whatever shape the store wrote it in, so events stored long ago read the same.
/// </summary>
internal static class ApiShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Members = new();

    public static JsonNode? Of(JsonNode? node, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        switch (node)
        {
            case JsonValue value when type.IsEnum && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number):
                return Enum.GetName(type, Enum.ToObject(type, number)) is { } name ? JsonValue.Create(name) : value;
            case JsonArray items:
                var element = ElementType(type);
                var shapedItems = new JsonArray();
                foreach (var item in Detach(items))
                {
                    shapedItems.Add(element is null ? item : Of(item, element));
                }

                return shapedItems;
            case JsonObject body when DictionaryValueType(type) is { } valueType:
                var entries = new JsonObject();
                foreach (var (key, value) in Detach(body))
                {
                    entries[key] = Of(value, valueType);
                }

                return entries;
            case JsonObject body:
                var members = MembersOf(type);
                var shaped = new JsonObject();
                foreach (var (key, value) in Detach(body))
                {
                    shaped[JsonNamingPolicy.CamelCase.ConvertName(key)] = members.TryGetValue(key, out var memberType) ? Of(value, memberType) : value;
                }

                return shaped;
            default:
                return node;
        }
    }

    private static List<JsonNode?> Detach(JsonArray items)
    {
        var detached = items.ToList();
        items.Clear();
        return detached;
    }

    private static List<KeyValuePair<string, JsonNode?>> Detach(JsonObject body)
    {
        var detached = body.ToList();
        body.Clear();
        return detached;
    }

    private static IReadOnlyDictionary<string, Type> MembersOf(Type type) =>
        Members.GetOrAdd(type, key => key.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0)
            .GroupBy(property => property.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First().PropertyType, StringComparer.OrdinalIgnoreCase));

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            ?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
}
