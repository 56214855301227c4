using FluentValidation;
using StudentBase.Http;

namespace Subsidies.Applications.Remedies;

/// <summary>Why the base withholds, suspends or terminates a grant; kept in its history.</summary>
public record RemedyReason(string Reason)
{
    public static RemedyReason Example { get; } = new("The company moved its registered office out of the software park.");

    public sealed class Validator : AbstractValidator<RemedyReason>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }

    public static Refusal? NotGranted(SubsidyApplication application) => application.State == ApplicationState.Approved
        ? null
        : new Refusal("remedies-apply-to-a-running-grant", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。");
}
