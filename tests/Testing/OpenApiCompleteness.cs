using System.Text.Json.Nodes;
using Shouldly;

namespace StudentBase.Testing;

/// <summary>
/// What partners' tools (code generators, API references, linters) need of every operation in a served document: a unique
/// name, a security requirement (an empty one for public operations), and a tag that says what its group is for.
/// </summary>
public static class OpenApiCompleteness
{
    public static void ShouldBeComplete(this JsonObject document)
    {
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!.AsObject())))
            .ToList();
        var describedTags = document["tags"]?.AsArray()
            .Where(tag => !string.IsNullOrWhiteSpace(tag!["description"]?.GetValue<string>()))
            .Select(tag => tag!["name"]!.GetValue<string>())
            .ToHashSet() ?? [];

        operations.Where(entry => string.IsNullOrEmpty(entry.Operation["operationId"]?.GetValue<string>())).Select(entry => entry.Name)
            .ShouldBeEmpty("operations without an operationId");
        operations.GroupBy(entry => entry.Operation["operationId"]!.GetValue<string>()).Where(group => group.Count() > 1).Select(group => group.Key)
            .ShouldBeEmpty("operationIds used twice");
        operations.Where(entry => entry.Operation["security"] is not JsonArray).Select(entry => entry.Name)
            .ShouldBeEmpty("operations that do not say what access they need");
        operations.Where(entry => entry.Operation["tags"] is not JsonArray { Count: > 0 } tags
                                  || tags.Any(tag => !describedTags.Contains(tag!.GetValue<string>())))
            .Select(entry => entry.Name)
            .ShouldBeEmpty("operations without a described tag (describe it beside the module's endpoints with DescribeApiTag)");
        operations.Where(entry => entry.Operation["responses"]?["201"] is { } created && !NamesTheNewResource(document, created))
            .Select(entry => entry.Name)
            .ShouldBeEmpty("creations whose answer does not name the new resource's id and url (answer a NewResource)");
    }

    private static bool NamesTheNewResource(JsonObject document, JsonNode created)
    {
        var schema = created["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        }

        var required = schema?["required"]?.AsArray().Select(name => name!.GetValue<string>()).ToHashSet() ?? [];
        return required.Contains("id") && required.Contains("url");
    }
}
