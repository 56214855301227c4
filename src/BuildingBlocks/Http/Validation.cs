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
            return Problems.Create(Problems.MalformedRequest, "A request body is required.");
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

    /// <summary>A 400 validation problem naming one invalid field.</summary>
    public static HttpValidationProblemDetails Problem(string field, string message) =>
        Problem(new Dictionary<string, string[]> { [field] = [message] });

    private static string JsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
