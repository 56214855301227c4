using Microsoft.AspNetCore.Mvc;

namespace StudentBase.Http;

/// <summary>
/// A business rule refused a command: the rule's stable name and why, in words a partner can show, in English and in
/// Simplified Chinese (the answer gives the partner's language; see <see cref="PartnerLanguages"/>).
/// </summary>
public sealed record Refusal(string Rule, string Reason, string ChineseReason)
{
    /// <summary>A 422 problem (<c>/problems/rule-violated</c>) naming the rule in its <c>rule</c> member.</summary>
    public ProblemDetails ToProblem()
    {
        var problem = Problems.Create(Problems.RuleViolated, Reason, ChineseReason);
        problem.Extensions["rule"] = Rule;
        return problem;
    }
}
