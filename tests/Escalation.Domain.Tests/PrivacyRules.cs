namespace Escalation.Domain.Tests;

public class PrivacyRules
{
    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    [InlineData(TicketStatus.Merged)]
    public void the_citizens_data_is_erased_in_any_state(TicketStatus status) =>
        Given(In(status))
            .When(new EraseCitizenData(TicketId, Operator))
            .ShouldEmit(new CitizenDataErased(TicketId, Operator, Now));

    [Fact]
    public void the_citizens_data_is_erased_once() =>
        Given([.. ClosedAtEastVillage, new CitizenDataErased(TicketId, Operator, Earlier)])
            .When(new EraseCitizenData(TicketId, Operator))
            .ShouldBeRejectedWith(RuleCodes.CitizenDataAlreadyErased);

    [Fact]
    public void no_event_carries_the_citizens_name_or_phone()
    {
        var properties = EventTypes.All.SelectMany(t => t.GetProperties()).Select(p => p.Name);

        properties.ShouldNotContain(name => name.Contains("Name") || name.Contains("Phone"));
    }

    /// <summary>The free-text fields of the events that are the staff's own words, not the citizen's: erasure keeps them.</summary>
    private static readonly string[] StaffWords =
    [
        "TicketReturned.Reason", "TicketEscalated.Note", "WhistleBlown.Reason", "DepartmentReportedIn.Note", "ProgressNoted.Note",
        "TicketResolved.Summary", "TicketReopened.Reason", "TicketUrged.Note", "TicketClosed.Note", "ExtensionRequested.Reason",
        "ExtensionApproved.Note", "ExtensionRefused.Reason", "PauseRequested.Reason", "PauseApproved.Note", "PauseRefused.Reason",
        "TicketResumed.Note", "CallbackUnanswered.Note", "ReturnRequested.Reason", "ReturnApproved.Note", "ReturnRefused.Reason",
        "TicketReturnedToRaiser.Reason", "MatterChanged.Reason", "PartFedBack.Note", "PartsOverridden.Reason",
        "DepartmentEvaluated.Comment", "WhistleEvaluated.Comment", "FallbackAssigned.Reason",
    ];

    [Fact]
    public void the_citizens_free_text_is_the_description_address_rating_comment_and_withdrawal_reason_and_every_other_text_is_the_staffs()
    {
        string[] freeText = ["Description", "Address", "Comment", "Reason", "Note", "Summary"];
        var texts = EventTypes.All.SelectMany(t => t.GetProperties().Where(p => p.PropertyType == typeof(string) && freeText.Contains(p.Name)).Select(p => $"{t.Name}.{p.Name}"));
        var citizens = CitizenSupplied.Fields.SelectMany(f => f.Value.Select(name => $"{f.Key.Name}.{name}")).ToList();

        citizens.ShouldBe(["TicketReported.Description", "TicketReported.Address", "CitizenRated.Comment", "TicketWithdrawn.Reason"], ignoreOrder: true);
        texts.Except(citizens).ShouldBe(StaffWords, ignoreOrder: true);
    }

    [Fact]
    public void an_erased_event_reads_with_the_placeholder_where_the_citizen_gave_text_and_nothing_where_none()
    {
        var reported = History.Reported() with { Address = null };

        CitizenSupplied.Redacted(reported).ShouldBe(reported with { Description = CitizenSupplied.Erased });
        CitizenSupplied.Redacted(new CitizenRated(TicketId, Operator, Now, Satisfaction.Satisfied, null)).ShouldBe(new CitizenRated(TicketId, Operator, Now, Satisfaction.Satisfied, null));
        CitizenSupplied.Redacted(new TicketResolved(TicketId, Operator, Now, "Fixed.", "Fixed by the village.")).ShouldBe(new TicketResolved(TicketId, Operator, Now, "Fixed.", "Fixed by the village."));
    }

    [Fact]
    public void the_citizens_text_of_an_event_leaves_out_what_the_citizen_did_not_give() =>
        CitizenSupplied.Of(History.Reported() with { Address = null }).ShouldBe(new Dictionary<string, string> { ["Description"] = History.Description });

    [Fact]
    public void an_unsatisfied_citizens_words_stay_in_the_rating_and_the_escalation_names_only_the_reason()
    {
        var decision = Given(ResolvedAtEastVillage).When(new RateTicket(TicketId, Operator, Satisfaction.Unsatisfied, "Still loud."), CountySettings.Default with { UnsatisfiedRatingEscalates = true });

        decision.Events.OfType<TicketEscalated>().Single().Note.ShouldBe(RateTicket.UnsatisfiedReason);
        decision.Events.SelectMany(e => CitizenSupplied.Of(e).Values).ShouldBe(["Still loud."]);
    }
}
