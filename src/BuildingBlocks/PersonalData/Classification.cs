using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Compliance.Classification;

namespace StudentBase.PersonalData;

/// <summary>
/// The platform's data classes, declared once where the data is defined (on the properties of events, messages, documents and
/// answers) and honoured by every way data leaves a service.
/// </summary>
public static class DataClasses
{
    public const string Taxonomy = "StudentBase";

    /// <summary>What pins down a natural person: names, passport numbers, birth dates and exact ages, contact details.</summary>
    public static DataClassification PersonalData { get; } = new(Taxonomy, nameof(PersonalData));

    /// <summary>What grants access (an API key, a signing secret): shown once to its owner, never kept in clear.</summary>
    public static DataClassification Secret { get; } = new(Taxonomy, nameof(Secret));
}

/// <summary>The value is personal data (<see cref="DataClasses.PersonalData"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(DataClasses.PersonalData);

/// <summary>The value is a secret (<see cref="DataClasses.Secret"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class SecretAttribute() : DataClassificationAttribute(DataClasses.Secret);

/// <summary>Finds the classified members of a type (a record's positional parameter counts for its property) and redacts them in JSON.</summary>
public static class ClassifiedData
{
    private static readonly ConcurrentDictionary<(Type, DataClassification), IReadOnlyDictionary<string, Type?>> Members = new();

    /// <summary>
    /// Replaces, in <paramref name="json"/> written from a <paramref name="type"/>, the value of every member of that class
    /// (at any depth, in nested objects and lists) with null, or with what <paramref name="replacement"/> gives.
    /// </summary>
    public static void Redact(JsonNode? json, Type type, DataClassification classification, Func<JsonNode?>? replacement = null)
    {
        switch (json)
        {
            case JsonArray items when ElementType(type) is { } element:
                foreach (var item in items)
                {
                    Redact(item, element, classification, replacement);
                }

                break;
            case JsonObject body:
                foreach (var (name, nested) in MembersOf(type, classification))
                {
                    if (Property(body, name) is not { } property)
                    {
                        continue;
                    }

                    if (nested is null)
                    {
                        body[property] = body[property] is null ? null : replacement?.Invoke();
                    }
                    else
                    {
                        Redact(body[property], nested, classification, replacement);
                    }
                }

                break;
        }
    }

    /// <summary>Whether the member is of the class, on the property itself or on the record parameter it comes from.</summary>
    public static bool IsClassified(PropertyInfo property, DataClassification classification) =>
        Classification(property.GetCustomAttributes<DataClassificationAttribute>()) == classification
        || property.DeclaringType?.GetConstructors()
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.Name == property.Name && parameter.ParameterType == property.PropertyType)
            .Any(parameter => Classification(parameter.GetCustomAttributes<DataClassificationAttribute>()) == classification) == true;

    /// <summary>Each member to redact (null) or to look into (its type), by its name in JSON.</summary>
    private static IReadOnlyDictionary<string, Type?> MembersOf(Type type, DataClassification classification) =>
        Members.GetOrAdd((type, classification), key =>
        {
            var members = new Dictionary<string, Type?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in key.Item1.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (IsClassified(property, key.Item2))
                {
                    members[property.Name] = null;
                }
                else if (MayHoldClassified(property.PropertyType))
                {
                    members[property.Name] = property.PropertyType;
                }
            }

            return members;
        });

    private static bool MayHoldClassified(Type type) =>
        type.Assembly != typeof(object).Assembly && !type.IsEnum && !type.IsPrimitive
        || ElementType(type) is { } element && element.Assembly != typeof(object).Assembly;

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    private static DataClassification Classification(IEnumerable<DataClassificationAttribute> attributes) =>
        attributes.Select(attribute => attribute.Classification).FirstOrDefault(DataClassification.None);

    private static string? Property(JsonObject body, string name) =>
        body.ContainsKey(name) ? name
        : body.ContainsKey(JsonNamingPolicy.CamelCase.ConvertName(name)) ? JsonNamingPolicy.CamelCase.ConvertName(name)
        : body.Select(member => member.Key).FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
}
