using System.Globalization;
using Escalation.Domain.Reference;

namespace Escalation.Host.Notifications;

/// <summary>The words of e-mails, text messages and console entries, in the recipient's language (Chinese unless its contact says <c>en</c>).</summary>
public static class NotificationTexts
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary>Subject, body; placeholders {ticket}, {recipient}, {deadline}.</summary>
    private static readonly Dictionary<NotificationKind, (string Zh, string En)> Subjects = new()
    {
        [NotificationKind.Dispatched] = ("新派工单", "A ticket was dispatched to you"),
        [NotificationKind.Transferred] = ("转办工单", "A ticket was transferred to you"),
        [NotificationKind.Summoned] = ("吹哨报到", "You are summoned: report in"),
        [NotificationKind.YellowLight] = ("黄灯预警", "Yellow light"),
        [NotificationKind.RedLight] = ("红灯预警", "Red light"),
        [NotificationKind.RedLightAbove] = ("下级红灯预警", "Red light below you"),
        [NotificationKind.Urged] = ("督办", "The ticket is urged on"),
        [NotificationKind.Returned] = ("退单", "A ticket was returned to you"),
        [NotificationKind.CitizenReceived] = ("诉求已受理", "Your request was received"),
        [NotificationKind.CitizenResolved] = ("诉求已办结", "Your request was resolved"),
        [NotificationKind.CallbackDue] = ("待回访", "A callback is due"),
        [NotificationKind.ExtensionAwaitingReview] = ("延期申请待审核", "An extension awaits your review"),
        [NotificationKind.ExtensionAnswered] = ("延期申请已审核", "Your extension was reviewed"),
        [NotificationKind.PauseAwaitingReview] = ("挂起申请待审核", "A pause awaits your review"),
        [NotificationKind.PauseAnswered] = ("挂起申请已审核", "Your pause was reviewed"),
        [NotificationKind.CitizenCallbackMissed] = ("回访未接通", "We could not reach you"),
    };

    /// <summary>Short enough for one text message in Chinese (70 characters) with a ticket id of 36 (a number is 15).</summary>
    private static readonly Dictionary<NotificationKind, (string Zh, string En)> Bodies = new()
    {
        [NotificationKind.Dispatched] = ("工单{ticket}已派给{recipient}，请于{deadline}前签收。", "Ticket {ticket} was dispatched to {recipient}: accept it by {deadline}."),
        [NotificationKind.Transferred] = ("工单{ticket}已转办{recipient}，请于{deadline}前签收。", "Ticket {ticket} was transferred to {recipient}: accept it by {deadline}."),
        [NotificationKind.Summoned] = ("吹哨：{recipient}请于{deadline}前到工单{ticket}报到。", "Whistle: {recipient}, report in to ticket {ticket} by {deadline}."),
        [NotificationKind.YellowLight] = ("黄灯：工单{ticket}时限{deadline}将到。", "Yellow light: ticket {ticket} is due by {deadline}."),
        [NotificationKind.RedLight] = ("红灯：工单{ticket}已超时限{deadline}。", "Red light: ticket {ticket} missed its limit of {deadline}."),
        [NotificationKind.RedLightAbove] = ("红灯：下级工单{ticket}已超时限{deadline}。", "Red light below {recipient}: ticket {ticket} missed its limit of {deadline}."),
        [NotificationKind.Urged] = ("督办：请加快办理工单{ticket}。", "Urged: speed up ticket {ticket}."),
        [NotificationKind.Returned] = ("工单{ticket}已退回{recipient}，请重新派单。", "Ticket {ticket} was returned to {recipient}: dispatch it again."),
        [NotificationKind.CitizenReceived] = ("您的诉求已受理，工单号{ticket}。", "Your request was received: ticket {ticket}."),
        [NotificationKind.CitizenResolved] = ("您的诉求（工单号{ticket}）已办结。", "Your request (ticket {ticket}) was resolved."),
        [NotificationKind.CallbackDue] = ("工单{ticket}已办结，请于{deadline}前回访。", "Ticket {ticket} was resolved: call the citizen back by {deadline}."),
        [NotificationKind.ExtensionAwaitingReview] = ("工单{ticket}申请延期，请审核（原时限{deadline}）。", "Ticket {ticket} asks for more time than {deadline}: review it."),
        [NotificationKind.ExtensionAnswered] = ("工单{ticket}的延期申请已审核，时限{deadline}。", "The extension of ticket {ticket} was reviewed: the limit is {deadline}."),
        [NotificationKind.PauseAwaitingReview] = ("工单{ticket}申请挂起至{deadline}，请审核。", "Ticket {ticket} asks to pause until {deadline}: review it."),
        [NotificationKind.PauseAnswered] = ("工单{ticket}的挂起申请已审核。", "The pause of ticket {ticket} was reviewed."),
        [NotificationKind.CitizenCallbackMissed] = ("我们就工单{ticket}回访您未接通，稍后再联系。", "We called you about ticket {ticket} and could not reach you; we will call again."),
    };

    public static IEnumerable<NotificationKind> Kinds => Subjects.Keys;

    public static string Subject(NotificationKind kind, bool english) => english ? Subjects[kind].En : Subjects[kind].Zh;

    /// <summary>The subject of a digest of <paramref name="count"/> warning lights.</summary>
    public static string DigestSubject(int count, bool english) =>
        english ? $"Warning lights: {count}" : $"预警汇总：{count}条";

    public static string Body(Notice notice, bool english, ReferenceData reference, string? template = null) =>
        Fill(template ?? (english ? Bodies[notice.Kind].En : Bodies[notice.Kind].Zh), notice, english, reference);

    private static string Fill(string template, Notice notice, bool english, ReferenceData reference) => template
        .Replace("{ticket}", notice.TicketName, StringComparison.Ordinal)
        .Replace("{recipient}", Name(notice.Recipient, english, reference), StringComparison.Ordinal)
        .Replace("{deadline}", notice.Deadline?.ToOffset(ChinaTime).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);

    private static string Name(string code, bool english, ReferenceData reference) =>
        reference.FindUnit(code) is { } unit ? english ? unit.NameEn : unit.NameZh
        : reference.FindDepartment(code) is { } department ? english ? department.NameEn : department.NameZh
        : code;
}
