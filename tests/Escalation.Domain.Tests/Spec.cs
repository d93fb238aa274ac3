namespace Escalation.Domain.Tests;

/// <summary>Given events, when a command, then events or a rejection; at a fixed time.</summary>
public static class Spec
{
    public static readonly Guid TicketId = new("0c8d3a52-61f4-4e0b-9d1e-000000000001");
    public static readonly Guid MasterId = new("0c8d3a52-61f4-4e0b-9d1e-000000000002");
    public static readonly Guid WhistleId = new("5e1a0b7c-3d2f-4a6e-8b9c-000000000001");

    public static readonly DateTimeOffset Now = new(2025, 6, 2, 9, 30, 0, TimeSpan.FromHours(8));

    /// <summary>When the given events happened, unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Earlier = Now.AddHours(-5);

    public static DecisionContext Context(CountySettings? settings = null) =>
        new(Now, TestCounty.Reference, settings ?? CountySettings.Default);

    public static Ticket Given(params object[] events) => Ticket.Replay(events);

    public static Decision When(this Ticket state, ITicketCommand command, CountySettings? settings = null) =>
        command.Decide(state, Context(settings));

    public static Turn Turn(this Ticket state, ITicketCommand command, CountySettings? settings = null) =>
        TicketTurn.Take(state, command, Context(settings));

    public static void ShouldEmit(this Decision decision, params object[] expected)
    {
        decision.Rejection.ShouldBeNull();
        decision.Events.ShouldBe(expected);
    }

    public static void ShouldBeRejectedWith(this Decision decision, string code)
    {
        decision.Events.ShouldBeEmpty();
        var rejection = decision.Rejection.ShouldNotBeNull();
        rejection.Code.ShouldBe(code);
        rejection.Message.ShouldEndWith(".");
    }
}
