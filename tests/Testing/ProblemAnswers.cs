using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace StudentBase.Testing;

public static class ProblemAnswers
{
    /// <summary>The rule a refusal names: the answer must be a 422 rule-violated problem.</summary>
    public static async Task<string?> RuleAsync(this IScenarioResult result)
    {
        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status422UnprocessableEntity, await result.ReadAsTextAsync());
        return (await result.ReadAsJsonAsync<JsonObject>())!["rule"]?.GetValue<string>();
    }
}
