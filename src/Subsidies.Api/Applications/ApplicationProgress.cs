using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;

namespace Subsidies.Applications;

/// <summary>
/// What Internships learns of an application once submitted: its state after each change and whether it still runs, so that
/// the watch over residence permits knows whose permit a running application needs (<see cref="SubsidyApplicationStateChanged"/>).
/// </summary>
public static class ApplicationProgress
{
    /// <summary>Waiting for review or a decision, returned for changes, or a grant still being paid.</summary>
    public static bool IsInProgress(ApplicationState state) =>
        state is ApplicationState.Eligible or ApplicationState.Returned or ApplicationState.Approved;

    public static IServiceCollection RelayApplicationProgress(this IServiceCollection services) => services
        .RelayStateAfter<EligibilityAssessed>(assessed => assessed.Eligible ? ApplicationState.Eligible : ApplicationState.Ineligible,
            assessed => assessed.AssessedAt)
        .RelayStateAfter<ApplicationReturned>(_ => ApplicationState.Returned, returned => returned.ReturnedAt)
        .RelayStateAfter<ApplicationApproved>(_ => ApplicationState.Approved, approved => approved.ApprovedAt)
        .RelayStateAfter<ApplicationRejected>(_ => ApplicationState.Rejected, rejected => rejected.RejectedAt)
        .RelayStateAfter<SubsidyTerminated>(_ => ApplicationState.Terminated, terminated => terminated.TerminatedAt)
        .RelayStateAfter<SubsidyClosed>(_ => ApplicationState.Closed, closed => closed.ClosedAt);

    private static IServiceCollection RelayStateAfter<TEvent>(
        this IServiceCollection services, Func<TEvent, ApplicationState> stateAfter, Func<TEvent, DateTimeOffset> changedAt)
        where TEvent : notnull =>
        services.RelayToOtherServices<TEvent>(async (committed, store, cancellation) =>
        {
            if (await store.LoadAsync<SubsidyApplication>(committed.StreamId, cancellation) is not { } application)
            {
                return [];
            }

            var state = stateAfter(committed.Data);
            return
            [
                new SubsidyApplicationStateChanged(committed.StreamId, application.ApplicantId, state.ToString(), IsInProgress(state),
                    committed.Version, changedAt(committed.Data)),
            ];
        }, wakeOnAppend: false);
}
