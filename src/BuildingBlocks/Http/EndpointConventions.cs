using System.Reflection;
using System.Text.RegularExpressions;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.Http;

/// <summary>
/// What every endpoint would otherwise repeat, given by convention so that a use-case file holds its command, validation,
/// decision and route:
/// <list type="bullet">
/// <item>its tag is its module's folder (<c>Internships.BranchStations.Designating</c> is under "Branch stations"), unless it
/// names another with <c>[Tags]</c>;</item>
/// <item>an endpoint that writes an aggregate (<c>[WriteAggregate]</c>) and answers with its decision
/// (<see cref="DecisionResponses.Respond"/>, which needs the response to set the new ETag) honours If-Match, and answers 204
/// unless it declares another success.</item>
/// </list>
/// Metadata only: what the endpoints do, and the code Wolverine generates for them, do not change.
/// </summary>
public sealed partial class EndpointConventions : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var method = chain.Method.Method;
            if (!method.IsDefined(typeof(TagsAttribute)) && ModuleOf(chain.Method.HandlerType) is { } module)
            {
                chain.Metadata.WithTags(module);
            }

            if (AnswersADecisionOnAnAggregate(method))
            {
                chain.Metadata.WithMetadata(new HonoursIfMatchAttribute());
                if (!method.GetCustomAttributes<ProducesResponseTypeAttribute>().Any(produces => produces.StatusCode is >= 200 and < 300))
                {
                    // First, where the attribute it stands for would be: the document lists the success before the errors.
                    chain.Metadata.Finally(endpoint => endpoint.Metadata.Insert(0, new ProducesResponseTypeAttribute(StatusCodes.Status204NoContent)));
                }
            }
        }
    }

    /// <summary>The module's folder in words: the second part of the use case's namespace (<c>{Service}.{Module}.{UseCase}</c>).</summary>
    public static string? ModuleOf(Type endpoint) =>
        endpoint.Namespace?.Split('.') is { Length: >= 3 } parts ? Words(parts[1]) : null;

    private static bool AnswersADecisionOnAnAggregate(MethodInfo method) =>
        method.GetParameters() is var parameters
        && parameters.Any(parameter => parameter.IsDefined(typeof(WriteAggregateAttribute)))
        && parameters.Any(parameter => parameter.ParameterType == typeof(HttpResponse));

    private static string Words(string pascalCase)
    {
        var words = WordStart().Split(pascalCase).Where(word => word.Length > 0).ToArray();
        return string.Join(' ', words.Select((word, index) => index == 0 ? word : word.ToLowerInvariant()));
    }

    [GeneratedRegex("(?<!^)(?=[A-Z])")]
    private static partial Regex WordStart();
}
