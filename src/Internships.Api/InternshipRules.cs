namespace Internships;

/// <summary>The programme's configurable rules (section <c>Internships:Rules</c>).</summary>
public sealed class InternshipRules
{
    public const string Section = "Internships:Rules";

    /// <summary>The most hours a week an agreement may ask of an intern.</summary>
    public int MaximumHoursPerWeek { get; set; } = 40;

    /// <summary>How long a university has to consent to or refuse an intention before it lapses.</summary>
    public TimeSpan IntentionDecisionPeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long after the agreed end date the final evaluation may come before a reminder is raised.</summary>
    public TimeSpan FinalEvaluationGracePeriod { get; set; } = TimeSpan.FromDays(14);
}
