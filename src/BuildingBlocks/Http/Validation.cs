using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace StudentBase.Http;

public static class Validation
{
    /// <summary>
    /// Validates a request for a Wolverine endpoint's <c>Validate</c> step: no problems lets the request
    /// through; otherwise a 400 problem details names every invalid field (camelCase, as in the JSON).
    /// </summary>
    public static ProblemDetails Check<T>(this IValidator<T> validator, T? request)
    {
        if (request is null)
        {
            return Problems.Create(Problems.MalformedRequest, "A request body is required.", "需要请求体。");
        }

        var result = validator.Validate(request);
        if (result.IsValid)
        {
            return WolverineContinue.NoProblems;
        }

        return Problem(result.Errors
            .GroupBy(failure => JsonPath(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray()));
    }

    /// <summary>A 400 validation problem naming each invalid field (as named in the JSON or the query).</summary>
    public static HttpValidationProblemDetails Problem(IDictionary<string, string[]> errors) => new(errors)
    {
        Type = Problems.Validation.Type,
        Status = Problems.Validation.Status,
        Title = Problems.Validation.LocalTitle,
    };

    /// <summary>A 400 validation problem naming one invalid field, with the message in the partner's language.</summary>
    public static HttpValidationProblemDetails Problem(string field, string english, string chinese) =>
        Problem(new Dictionary<string, string[]> { [field] = [PartnerLanguages.Text(english, chinese)] });

    /// <summary>
    /// The rule's message in the partner's language, chosen when the request is validated. FluentValidation's
    /// placeholders (<c>{PropertyValue}</c>, <c>{PropertyName}</c>) work in both.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string english, string chinese) =>
        rule.WithMessage(_ => PartnerLanguages.Text(english, chinese));

    private static string JsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
