using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using Wolverine;
using StudentBase.Http;

namespace Subsidies.Applications;

public static class Configuration
{
    public static WebApplicationBuilder AddApplications(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Subsidy applications", "Startup-subsidy applications: drafting, changing, submitting (eligibility is assessed at once) and returning for changes.");
        builder.Services.DescribeApiTag("Subsidy reviews", "Expert review of an eligible application: reviewers, conflicts of interest and scores against the policy's rubric.");
        builder.Services.DescribeApiTag("Subsidy decisions", "Approving a grant with its instalment plan, or rejecting the application with reasons.");
        builder.Services.DescribeApiTag("Subsidy instalments", "Verifying an instalment's milestone and releasing (paying) it.");
        builder.Services.DescribeApiTag("Subsidy remedies", "What the base may do to a running grant: suspend, reinstate, withhold and resume payments, claw back, terminate, close.");
        builder.Services.DescribeApiTag("Subsidy reports", "The subsidy pipeline: applications and amounts by state.");
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<SubsidyApplication>(SnapshotLifecycle.Inline);
            marten.Schema.For<SubsidyApplication>().Index(application => application.ApplicantId);
        });
        builder.Services.AddHistoryOf<SubsidyApplication>("subsidy-applications");
        builder.Services.AddJourneyKey("ApplicationId");
        builder.Services.NotifyPartnersOfApplications();
        builder.Services.ConfigureWolverine(messaging => messaging.PublishToInboxes<SubsidyApplicationStateChanged>(Queues.InternshipsInbox));
        builder.Services.RelayApplicationProgress();
        return builder;
    }
}
