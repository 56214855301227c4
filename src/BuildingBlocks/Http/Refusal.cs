using Microsoft.AspNetCore.Mvc;

namespace StudentBase.Http;

/// <summary>A business rule refused a command: the rule's stable name and why, in words a partner can show.</summary>
public sealed record Refusal(string Rule, string Reason)
{
    /// <summary>A 422 problem (<c>/problems/rule-violated</c>) naming the rule in its <c>rule</c> member.</summary>
    public ProblemDetails ToProblem()
    {
        var problem = Problems.Create(Problems.RuleViolated, Reason);
        problem.Extensions["rule"] = Rule;
        return problem;
    }
}
