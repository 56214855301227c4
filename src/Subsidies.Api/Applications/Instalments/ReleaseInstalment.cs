using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Subsidies.Applications.Instalments;

/// <param name="PaymentReference">Finance's reference of the payment.</param>
public record ReleaseInstalment(string PaymentReference)
{
    public static ReleaseInstalment Example { get; } = new("TORCH-FIN-2026-004211");

    public sealed class Validator : AbstractValidator<ReleaseInstalment>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.PaymentReference).NotEmpty().MaximumLength(100);
    }

    /// <summary>Only a verified milestone is paid, once; the same request again changes nothing, another payment is refused.</summary>
    public static Decision Decide(SubsidyApplication application, int number, string paymentReference, DateTimeOffset now) =>
        application.Suspended || application.PaymentsWithheld
            ? new Refusal("payments-withheld", $"Payments are withheld: {application.RemedyReason}", $"款项已暂停拨付：{application.RemedyReason}")
            : application.Instalments.Find(instalment => instalment.Number == number) switch
        {
            null => new Refusal("no-such-instalment", "The grant has no instalment with this number.", "该项补贴没有此编号的分期款。"),
            { State: InstalmentState.Released } released => released.PaymentReference == paymentReference
                ? Decision.Nothing
                : new Refusal("an-instalment-is-released-once", $"The instalment was already released ({released.PaymentReference}).",
                    $"该期分期款已拨付（{released.PaymentReference}）。"),
            { State: InstalmentState.Pending } => new Refusal("release-needs-a-verified-milestone", "The instalment's milestone is not verified.",
                "该期分期款的里程碑尚未核验。"),
            { State: InstalmentState.Lapsed } => new Refusal("instalment-lapsed", "The milestone deadline passed; the instalment lapsed.",
                "里程碑截止日期已过，该期分期款已失效。"),
            var instalment when application.State == ApplicationState.Approved =>
                Decision.Of(new InstalmentReleased(application.Id, number, instalment.Amount, paymentReference, now))
                    .Publishing(new Published.SubsidyInstalmentReleased(application.Id, application.ApplicantId, number, instalment.Amount, now)),
            _ => new Refusal("milestones-need-a-granted-subsidy", $"The application is {application.State}.", $"该申请当前状态为 {application.State}。"),
        };
}

public static class ReleaseInstalmentEndpoint
{
    public static ProblemDetails Validate(ReleaseInstalment command) => ReleaseInstalment.Validator.Instance.Check(command);

    /// <summary>Releases are decided one at a time per application (its stream is locked), so two at once pay once.</summary>
    [WolverinePost("/api/subsidy-applications/{id}/instalments/{number}/release", Name = "ReleaseInstalment")]
    [Allow(PartnerRole.Finance)]
    [Tags("Subsidy instalments")]
    [EndpointSummary("Release (pay) an instalment whose milestone is verified")]
    public static (IResult, Events) Post(
        ReleaseInstalment command, int number, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] SubsidyApplication application,
        HttpRequest request, HttpResponse response, TimeProvider clock) =>
        ReleaseInstalment.Decide(application, number, command.PaymentReference.Trim(), clock.GetUtcNow()).Respond(request, response, application.Version);
}
