"""The labelled set of call utterances: hand-written templates, each expanded with seeded slot fillers.

Every template is a way people actually say the thing on a collection call (English, and the Hindi
and Hinglish Indian borrowers speak), labelled with every intent it expresses (a hardship with a
promise is both; a greeting is none). A template's variants share its `group`; templates whose
wording is near the same ("this is not my loan", "this loan is not mine") share a `family`
(families()), and the held-out split is by family: the test figures are on phrasings the model
never saw in any form, nor in a near-identical one.

Labels (multi-label; none is the empty set):
  borrower side: promise_to_pay, hardship, dispute, stop_contact, wrong_party, third_party
  collector side: threat, false_urgency
"""
from __future__ import annotations

import random
import re

LABELS = ["promise_to_pay", "hardship", "dispute", "stop_contact", "wrong_party", "third_party", "threat", "false_urgency"]

SLOTS: dict[str, list[str]] = {
    "open": ["", "", "", "Look, ", "Okay, ", "Honestly, ", "Sir, ", "Madam, ", "Listen, ", "Umm, ", "See, ", "Yes, ", "Well, ", "Actually, ", "Ji, ", "Haan, "],
    "amt": ["5000", "₹2,500", "Rs 10000", "$200", "two thousand", "15,000 rupees", "3000", "the full EMI", "half the amount", "₹12,000", "1500", "$150", "twenty thousand", "the whole balance", "Rs. 7,500", "4,000", "8000 rupees", "$75"],
    "day": ["Friday", "tomorrow", "next Monday", "on the 15th", "by the end of the month", "on 2026-12-20", "this Saturday", "on the 1st when my salary comes", "next week", "on Wednesday", "in two days", "by the 10th", "day after tomorrow", "on Tuesday", "this weekend", "on the 5th"],
    "hday": ["kal", "parso", "shukravar ko", "somvar ko", "agle hafte", "mahine ke end tak", "15 tarikh ko", "salary aate hi", "is shanivar", "1 tarikh ko"],
    "reason": ["I lost my job", "my father is in hospital", "my business shut down", "I had an accident", "my salary has not come for two months", "my wife is very sick", "I was laid off last month", "the shop burned down", "my husband passed away", "I'm having surgery next week", "the factory closed", "my crops failed this season", "I have huge medical bills", "my hours were cut in half", "I've been out of work since March", "my mother died and I had to pay for everything"],
    "hreason": ["meri naukri chali gayi", "papa hospital mein hain", "dukaan band ho gayi", "salary do mahine se nahi aayi", "mera accident ho gaya tha", "ghar mein bimari hai", "kaam band pada hai", "fasal kharab ho gayi"],
    "name": ["Rahul", "Priya", "Mr Sharma", "Anita", "Suresh Kumar", "John", "Maria", "Mr Patel", "Deepak", "Sunita", "Mrs Gomez", "Arjun"],
    "rel": ["wife", "husband", "brother", "mother", "father", "son", "daughter", "sister", "colleague", "friend", "neighbour", "roommate", "uncle", "boss"],
    "hrel": ["biwi", "bhai", "mummy", "papa", "beta", "behen", "dost", "pati"],
    "he": ["he", "she"],
    "his": ["his", "her"],
    "him": ["him", "her"],
    "consequence": ["send the police to your house", "have you arrested", "put you in jail", "tell your employer and get you fired", "seize your house tonight", "tell all your neighbours", "file a criminal case against you", "take your car away tomorrow", "send our boys to your office", "make sure your family hears about this", "come to your village and shame you", "have your bank accounts frozen today"],
    "charge": ["late fee", "bounce charge", "penalty", "processing fee", "insurance premium", "penal interest", "GST", "foreclosure charge", "collection fee", "cheque return charge"],
    "hcharge": ["late fee", "penalty", "bounce charge", "extra interest", "insurance ka paisa", "processing fee"],
    "deadline": ["in the next ten minutes", "within the hour", "before 5 pm today", "right now on this call", "in the next thirty minutes", "by midnight tonight", "before we hang up", "in the next hour"],
}

T: list[tuple[list[str], str]] = [
    # promise to pay
    (["promise_to_pay"], "{open}I will pay {amt} {day}"),
    (["promise_to_pay"], "{open}I can pay {amt} {day}"),
    (["promise_to_pay"], "{open}I'll make a payment of {amt} {day}"),
    (["promise_to_pay"], "{open}you'll have {amt} from me {day}, I promise"),
    (["promise_to_pay"], "{open}let me pay {amt} {day} and the rest next month"),
    (["promise_to_pay"], "{open}okay I'll transfer {amt} {day}"),
    (["promise_to_pay"], "{open}I'm going to clear {amt} {day}"),
    (["promise_to_pay"], "{open}put me down for {amt} {day}"),
    (["promise_to_pay"], "{open}I get paid {day}, I will send {amt} then"),
    (["promise_to_pay"], "{open}{amt} {day}, that I can definitely do"),
    (["promise_to_pay"], "{open}fine, {day} I will deposit {amt}"),
    (["promise_to_pay"], "{open}I commit to paying {amt} {day}"),
    (["promise_to_pay"], "{open}yes I agree, {amt} {day}"),
    (["promise_to_pay"], "{open}I'll pay the overdue {day}"),
    (["promise_to_pay"], "{open}count on me for {amt} by {day}"),
    (["promise_to_pay"], "{open}I will settle it {day}"),
    (["promise_to_pay"], "{open}{day} I'll do the UPI of {amt}"),
    (["promise_to_pay"], "{open}I can manage {amt} {day}, will that work"),
    (["promise_to_pay"], "{open}send me the link, I'll pay {amt} {day}"),
    (["promise_to_pay"], "{open}I'll pay you {day} for sure"),
    (["promise_to_pay"], "{open}main {amt} {hday} de dunga"),
    (["promise_to_pay"], "{open}{hday} {amt} bhar dungi"),
    (["promise_to_pay"], "{open}{amt} {hday} pakka jama kar dunga"),
    (["promise_to_pay"], "{open}theek hai, {hday} payment kar dunga"),
    (["promise_to_pay"], "{open}मैं {hday} {amt} दूंगा"),
    (["promise_to_pay"], "{open}{hday} tak {amt} transfer kar deta hoon"),
    (["promise_to_pay"], "{open}I'll pay {amt} {hday}, promise"),
    (["promise_to_pay"], "{open}ok ok, {amt} on {day}, you have my word"),
    (["promise_to_pay"], "{open}by {day} the {amt} will be in your account"),
    (["promise_to_pay"], "{open}I'm paying {amt} {day}, note it down"),
    # hardship
    (["hardship"], "{open}{reason}"),
    (["hardship"], "{open}{reason}, I really can't pay right now"),
    (["hardship"], "{open}{reason} and I have nothing left"),
    (["hardship"], "{open}things are very hard, {reason}"),
    (["hardship"], "{open}I want to pay but {reason}"),
    (["hardship"], "{open}I'm struggling to even buy food, {reason}"),
    (["hardship"], "{open}{reason}, is there any relief you can give me"),
    (["hardship"], "{open}please understand, {reason}"),
    (["hardship"], "{open}I have no income at the moment"),
    (["hardship"], "{open}we are barely surviving, {reason}"),
    (["hardship"], "{open}{reason} so the EMI is impossible this month"),
    (["hardship"], "{open}can I get a moratorium, {reason}"),
    (["hardship"], "{open}{hreason}, abhi paise nahi hain"),
    (["hardship"], "{open}{hreason}, main kya karun"),
    (["hardship"], "{open}bahut mushkil chal raha hai, {hreason}"),
    (["hardship"], "{open}मेरी नौकरी चली गई है, पैसे नहीं हैं"),
    (["hardship"], "{open}{hreason}, thoda time de do"),
    (["hardship"], "{open}I'm drowning in debt since {reason_lc}"),
    (["hardship"], "{open}the situation at home is terrible, {reason}"),
    (["hardship"], "{open}I am unemployed and looking for work"),
    (["hardship", "promise_to_pay"], "{open}{reason}, but I can pay {amt} {day}"),
    (["hardship", "promise_to_pay"], "{open}{reason}; still, I'll send {amt} {day}"),
    (["hardship", "promise_to_pay"], "{open}{hreason}, phir bhi {hday} {amt} de dunga"),
    (["hardship", "promise_to_pay"], "{open}even though {reason_lc}, I will pay {amt} {day}"),
    # dispute
    (["dispute"], "{open}this is not my loan"),
    (["dispute"], "{open}I never took any loan from you"),
    (["dispute"], "{open}I don't owe you anything"),
    (["dispute"], "{open}I already paid this, I have the receipt"),
    (["dispute"], "{open}the amount you're saying is wrong, I paid {amt} {day_past}"),
    (["dispute"], "{open}I dispute this debt"),
    (["dispute"], "{open}someone took this loan in my name, it's fraud"),
    (["dispute"], "{open}I closed that account years ago"),
    (["dispute"], "{open}these charges are not correct, I want them checked"),
    (["dispute"], "{open}that payment of {amt} was never credited, your records are wrong"),
    (["dispute"], "{open}I don't recognise this debt at all"),
    (["dispute"], "{open}prove that I owe this, send me the documents"),
    (["dispute"], "{open}the loan was settled, you can't ask me again"),
    (["dispute"], "{open}my identity was stolen, I didn't borrow this"),
    (["dispute"], "{open}I never received the money you're asking me to repay"),
    (["dispute"], "{open}the interest you added is illegal, I'm disputing it"),
    (["dispute"], "{open}ye mera loan nahi hai"),
    (["dispute"], "{open}maine koi loan nahi liya"),
    (["dispute"], "{open}मेरा लोन नहीं है, आप गलत बोल रहे हो"),
    (["dispute"], "{open}main pehle hi bhar chuka hoon, receipt hai mere paas"),
    (["dispute"], "{open}aapka hisaab galat hai, itna baaki nahi hai"),
    (["dispute"], "{open}I want to raise a dispute about the balance"),
    (["dispute", "stop_contact"], "{open}I don't owe this, stop calling me"),
    (["dispute", "stop_contact"], "{open}this isn't my debt so don't ever call me again"),
    # stop contact
    (["stop_contact"], "{open}stop calling me"),
    (["stop_contact"], "{open}please don't call me again"),
    (["stop_contact"], "{open}I don't want any more calls from you"),
    (["stop_contact"], "{open}take my number off your list"),
    (["stop_contact"], "{open}do not contact me anymore"),
    (["stop_contact"], "{open}I want you to cease all communication with me"),
    (["stop_contact"], "{open}only write to me, no more phone calls"),
    (["stop_contact"], "{open}talk to my lawyer, don't call me"),
    (["stop_contact"], "{open}you can't call me at work, stop it"),
    (["stop_contact"], "{open}I'm revoking my consent to be called"),
    (["stop_contact"], "{open}if you call again I'll complain, just stop"),
    (["stop_contact"], "{open}don't ring this number ever again"),
    (["stop_contact"], "{open}I told you last time, no more calls"),
    (["stop_contact"], "{open}leave me alone, stop phoning me every day"),
    (["stop_contact"], "{open}mujhe call mat karo"),
    (["stop_contact"], "{open}baar baar phone mat karo, band karo ye"),
    (["stop_contact"], "{open}mujhe dobara phone mat karna"),
    (["stop_contact"], "{open}मुझे कॉल मत करो"),
    (["stop_contact"], "{open}please remove me from your calling list"),
    (["stop_contact"], "{open}email me if you must, but stop the calls"),
    (["stop_contact"], "{open}I do not consent to these calls, stop"),
    (["stop_contact", "hardship"], "{open}{reason}, please stop calling me"),
    # wrong party
    (["wrong_party"], "{open}wrong number"),
    (["wrong_party"], "{open}you have the wrong number, there's no {name} here"),
    (["wrong_party"], "{open}I don't know anyone called {name}"),
    (["wrong_party"], "{open}this is not {name}, you've got the wrong person"),
    (["wrong_party"], "{open}I just got this number last month, I don't know {name}"),
    (["wrong_party"], "{open}who is {name}? never heard of them"),
    (["wrong_party"], "{open}I'm not the person you're looking for"),
    (["wrong_party"], "{open}this number belongs to a shop, not {name}"),
    (["wrong_party"], "{open}there is nobody by that name at this number"),
    (["wrong_party"], "{open}you keep calling for {name} but I'm someone else"),
    (["wrong_party"], "{open}galat number hai"),
    (["wrong_party"], "{open}yahan koi {name} nahi rehta"),
    (["wrong_party"], "{open}गलत नंबर है, मैं {name} को नहीं जानता"),
    (["wrong_party"], "{open}main {name} nahi hoon, aapne galat jagah phone kiya"),
    (["wrong_party"], "{open}sorry, you dialled the wrong person"),
    (["wrong_party"], "{open}I have no idea who that is"),
    (["wrong_party", "stop_contact"], "{open}wrong number, stop calling here"),
    # third party on the line
    (["third_party"], "{open}{name} is not home, this is his {rel}"),
    (["third_party"], "{open}I'm {name}'s {rel}, {he} can't come to the phone"),
    (["third_party"], "{open}my {rel} is here with me, you're on speaker"),
    (["third_party"], "{open}you're on speakerphone, my {rel} is listening"),
    (["third_party"], "{open}hold on, I'm handing the phone to my {rel}"),
    (["third_party"], "{open}this is {name}'s {rel} speaking, can I take a message"),
    (["third_party"], "{open}my {rel} can hear everything you say"),
    (["third_party"], "{open}I'm in the office with my {rel} next to me"),
    (["third_party"], "{open}{he} is sleeping, I'm the {rel}, tell me what it's about"),
    (["third_party"], "{open}my {rel} will talk to you on my behalf"),
    (["third_party"], "{open}hello, I'm answering for my {rel}, {he} is out"),
    (["third_party"], "{open}wait, let me put my {rel} on the line"),
    (["third_party"], "{open}main {name} ki {hrel} bol rahi hoon, woh ghar pe nahi hain"),
    (["third_party"], "{open}mere {hrel} bhi sun rahe hain, speaker pe hai"),
    (["third_party"], "{open}{name} abhi bahar gaye hain, main unka {hrel} hoon"),
    (["third_party"], "{open}I'm at my {rel}'s place and {he} is right here"),
    # collector: threat
    (["threat"], "{open}if you don't pay we will {consequence}"),
    (["threat"], "{open}pay today or we'll {consequence}"),
    (["threat"], "{open}I will personally {consequence}"),
    (["threat"], "{open}you know what happens to people who don't pay? we {consequence}"),
    (["threat"], "{open}keep ignoring us and we'll {consequence}"),
    (["threat"], "{open}you will go to jail for this"),
    (["threat"], "{open}we have your address, our men are coming"),
    (["threat"], "{open}the police will be at your door if this isn't paid"),
    (["threat"], "{open}we will make your life very difficult"),
    (["threat"], "{open}your children will be ashamed when everyone finds out"),
    (["threat"], "{open}I'll call your office and tell them you're a defaulter"),
    (["threat"], "{open}we will ruin your reputation in the whole area"),
    (["threat"], "{open}you'll regret this, I promise you"),
    (["threat"], "{open}paise nahi diye toh police bhej denge"),
    (["threat"], "{open}ghar aa jayenge hum, samjhe"),
    (["threat"], "{open}tumhare office mein sabko bata denge"),
    (["threat"], "{open}we'll file a case and you will be arrested"),
    (["threat", "false_urgency"], "{open}pay {deadline} or we {consequence}"),
    (["threat", "false_urgency"], "{open}if the money isn't in {deadline} we will {consequence}"),
    # collector: false urgency
    (["false_urgency"], "{open}you must pay {deadline}, there is no other option"),
    (["false_urgency"], "{open}this offer disappears {deadline}"),
    (["false_urgency"], "{open}today is your absolute last chance"),
    (["false_urgency"], "{open}legal proceedings start {deadline} unless you pay now"),
    (["false_urgency"], "{open}I need the payment {deadline}, otherwise it's too late"),
    (["false_urgency"], "{open}the settlement is only valid {deadline}"),
    (["false_urgency"], "{open}if you hang up now you lose this deal forever"),
    (["false_urgency"], "{open}your file goes to the court {deadline}"),
    (["false_urgency"], "{open}I can only hold this rate {deadline}"),
    (["false_urgency"], "{open}abhi ke abhi paise bhejo, warna late ho jayega"),
    (["false_urgency"], "{open}aaj raat tak nahi diya toh sab khatam"),
    (["false_urgency"], "{open}there's no time to think about it, decide {deadline}"),
    (["false_urgency"], "{open}it has to be {deadline}, my manager won't wait"),
    (["false_urgency"], "{open}act now, the account is being transferred {deadline}"),
    # none: borrower
    ([], "{open}hello"),
    ([], "{open}yes, speaking"),
    ([], "{open}who is this"),
    ([], "{open}how much do I owe exactly"),
    ([], "{open}can you send me the details by email"),
    ([], "{open}let me think about it"),
    ([], "{open}I can't pay anything this month"),
    ([], "{open}I don't know when I'll be able to pay"),
    ([], "{open}I won't pay {day}, it's not possible"),
    ([], "{open}what is the due date"),
    ([], "{open}can you repeat that please"),
    ([], "{open}I'm driving, can you hold a second"),
    ([], "{open}yes this is {name}"),
    ([], "{open}what are my options"),
    ([], "{open}is there a late fee"),
    ([], "{open}I thought I had paid the EMI already, let me check my bank app"),
    ([], "{open}okay, I understand"),
    ([], "{open}why did the amount go up"),
    ([], "{open}which account is this about"),
    ([], "{open}can I pay through UPI"),
    ([], "{open}I got your message yesterday"),
    ([], "{open}haan bolo, kya baat hai"),
    ([], "{open}kitna baaki hai"),
    ([], "{open}main soch ke bataunga"),
    ([], "{open}abhi main busy hoon, baad mein baat karte hain"),
    ([], "{open}thank you for explaining"),
    ([], "{open}I was going to call you anyway"),
    ([], "{open}the app shows a different number"),
    ([], "{open}my {rel} told me you called"),
    ([], "{open}can I speak to your supervisor"),
    ([], "{open}send me the payment link"),
    ([], "{open}I'm not sure I can pay {amt}"),
    ([], "{open}is {day} the last date"),
    ([], "{open}I called the branch but nobody answered"),
    # none: collector
    ([], "{open}am I speaking with {name}"),
    ([], "{open}this is an attempt to collect a debt and any information obtained will be used for that purpose"),
    ([], "{open}you have the right to dispute this debt"),
    ([], "{open}we can set up a payment plan that works for you"),
    ([], "{open}can you confirm your date of birth for security"),
    ([], "{open}I understand, take your time"),
    ([], "{open}would {day} work for you"),
    ([], "{open}the overdue amount on your loan is {amt}"),
    ([], "{open}if the account stays unpaid it may be reported to the credit bureaus, as your agreement says"),
    ([], "{open}you can pay through the link we sent by SMS"),
    ([], "{open}our offer stays open until the end of the month"),
    ([], "{open}I'm calling from Credence about your loan"),
    ([], "{open}is now a good time to talk"),
    ([], "{open}I'm sorry to hear that, we have hardship options"),
    ([], "{open}let me note that down"),
    ([], "{open}thank you, have a good day"),
    ([], "{open}can I ask what happened with last month's payment"),
    ([], "{open}we can move your due date closer to your salary date"),
    ([], "{open}would you like me to send the details in writing"),
    ([], "{open}I'll mark the account and we won't call you at work"),
    ([], "{open}kya main {name} se baat kar raha hoon"),
    ([], "{open}aapka EMI {amt} baaki hai"),
    ([], "{open}hum aapke liye installment plan bana sakte hain"),
    ([], "{open}you may also reach us at our helpline during office hours"),
    ([], "{open}there's no rush today, think about which plan suits you"),
    ([], "{open}can you tell me when you'll be able to pay"),
    ([], "{open}the legal department may review accounts that stay unpaid for long, but nothing is decided today"),
    # more ways to say it (added after the first held-out figures showed too few phrasings)
    (["dispute"], "{open}I have never borrowed money from your company"),
    (["dispute"], "{open}that loan isn't mine, check your records"),
    (["dispute"], "{open}I paid it off completely {day_past}"),
    (["dispute"], "{open}why are you asking me, I don't have any loan with you"),
    (["dispute"], "{open}the balance is wrong, I only owe {amt}"),
    (["dispute"], "{open}I don't accept this amount, it's a mistake"),
    (["dispute"], "{open}somebody used my documents to open this account"),
    (["dispute"], "{open}your bank made an error, I owe nothing"),
    (["dispute"], "{open}I have proof that this was paid in full"),
    (["dispute"], "{open}I'm challenging this debt, send me verification"),
    (["dispute"], "{open}this debt is not valid"),
    (["dispute"], "{open}I never signed any agreement with you"),
    (["dispute"], "{open}that's not what I owe, the figure is inflated"),
    (["dispute"], "{open}maine ye paisa kabhi liya hi nahi"),
    (["dispute"], "{open}ye galat hai, mera koi baaki nahi hai"),
    (["dispute"], "{open}the debt belongs to someone else, not me"),
    (["dispute"], "{open}you've charged me twice for the same EMI"),
    (["dispute"], "{open}I cancelled this loan before disbursement, I never got the money"),
    (["wrong_party"], "{open}nobody named {name} lives here"),
    (["wrong_party"], "{open}I think you've got the wrong number"),
    (["wrong_party"], "{open}sorry, no {name} here"),
    (["wrong_party"], "{open}you are calling the wrong person, my name is {name}"),
    (["wrong_party"], "{open}this is a new number, the old owner must be {name}"),
    (["wrong_party"], "{open}I'm not {name}, I don't know who that is"),
    (["wrong_party"], "{open}you must have dialled incorrectly"),
    (["wrong_party"], "{open}{name}? no, this isn't them"),
    (["wrong_party"], "{open}I don't have any connection with that person"),
    (["wrong_party"], "{open}ye {name} ka number nahi hai"),
    (["wrong_party"], "{open}aap galat insaan se baat kar rahe ho"),
    (["wrong_party"], "{open}I've never met anyone by that name"),
    (["wrong_party"], "{open}you have the wrong guy, I'm not your customer"),
    (["wrong_party"], "{open}this number isn't {name}'s anymore"),
    (["third_party"], "{open}my {rel} is sitting next to me"),
    (["third_party"], "{open}I'm putting you on speaker so my {rel} can hear"),
    (["third_party"], "{open}this is {name}'s phone, {he} left it with me, I'm the {rel}"),
    (["third_party"], "{open}{he}'s at work, I'm {his} {rel}"),
    (["third_party"], "{open}my {rel} picked up your last call"),
    (["third_party"], "{open}one second, my {rel} wants to speak with you"),
    (["third_party"], "{open}I'm not alone, my {rel} is in the room"),
    (["third_party"], "{open}you can tell me, I'm {his} {rel}"),
    (["third_party"], "{open}this is the {rel}, {name} asked me to answer"),
    (["third_party"], "{open}my {rel} is also on this call"),
    (["third_party"], "{open}{name} ke {hrel} bol rahe hain"),
    (["third_party"], "{open}mere saath mera {hrel} baitha hai"),
    (["third_party"], "{open}I'm with a few people from work right now, you're on speaker"),
    (["stop_contact"], "{open}I don't want you calling me anymore"),
    (["stop_contact"], "{open}no more calls please, send letters only"),
    (["stop_contact"], "{open}never phone me again"),
    (["stop_contact"], "{open}quit calling this number"),
    (["stop_contact"], "{open}stop contacting me, I mean it"),
    (["stop_contact"], "{open}I'm asking you formally to stop calling"),
    (["stop_contact"], "{open}contact my advocate from now on, not me"),
    (["stop_contact"], "{open}ab se phone mat karna"),
    ([], "{open}my {rel} handles the money, I'll ask {him}"),
    ([], "{open}I'll check with my {rel} and call you back"),
    ([], "{open}is this about the loan I took last year"),
    ([], "{open}what number should I call back"),
    ([], "{open}I don't understand the statement"),
    ([], "{open}can you call me after six"),
    ([], "{open}I'm at work, can we talk later today"),
    ([], "{open}I wanted to ask about closing the loan early"),
    ([], "{open}the payment failed, can I try again"),
    ([], "{open}what happens if I pay late"),
    ([], "{open}I never got the SMS you mentioned"),
    ([], "{open}I am {name}, go ahead"),
    ([], "{open}please explain the charges to me"),
    ([], "{open}we have your payment of {amt} on record, thank you"),
    ([], "{open}you can ask for the original creditor's details in writing"),
    ([], "{open}I will send you a written summary of this call"),
    ([], "{open}can you tell me the balance on my account"),
    ([], "{open}what is the outstanding amount on my loan"),
    ([], "{open}how many EMIs are left"),
    ([], "{open}I want to understand my account statement"),
    ([], "{open}is the interest rate the same as before"),
    ([], "{open}which date did my last payment go through"),
    ([], "{open}do you have my new address on file"),
    ([], "{open}my account number ends in 4421"),
    # the borrower naming themselves in Hinglish (a scripted call showed "main X bol rahi hoon" read as a third party)
    ([], "{open}main {name} bol raha hoon"),
    ([], "{open}haan ji, main {name} bol rahi hoon"),
    ([], "{open}ji haan, {name} hi bol raha hoon, boliye"),
    ([], "{open}haan main hi hoon, kya kaam hai"),
    # Round two (1.1.0): the held-out errors of 1.0.0 were whole kinds of dispute the set had one or
    # two phrasings of (charges, a payment not applied, a closed or restructured loan, fraud through
    # an app or a document, money never disbursed), wrong-party and third-party lines in Hinglish,
    # threats without the consequence slot, and lawful lines about a suit that the threat rule and
    # the model should both leave alone. Each kind gets several unlike wordings.
    (["dispute"], "{open}I was never told about this {charge}, I'm not paying it"),
    (["dispute"], "{open}why is there a {charge} on my account, I paid on time every month"),
    (["dispute"], "{open}you've added a {charge} that was never in my agreement"),
    (["dispute"], "{open}take the {charge} off, it was charged by mistake"),
    (["dispute"], "{open}I paid {amt} {day_past} and your system still shows it unpaid"),
    (["dispute"], "{open}my bank statement shows the money left my account {day_past}"),
    (["dispute"], "{open}the EMI was auto-debited, so how can it be overdue"),
    (["dispute"], "{open}I foreclosed this loan {day_past} and I have the NOC"),
    (["dispute"], "{open}your own branch gave me a no dues certificate"),
    (["dispute"], "{open}the loan was restructured, the figure you're quoting is the old one"),
    (["dispute"], "{open}that's almost double what I borrowed, the numbers don't add up"),
    (["dispute"], "{open}I only ever borrowed {amt}, this figure can't be right"),
    (["dispute"], "{open}your statement doesn't match my passbook at all"),
    (["dispute"], "{open}I only signed as a witness, this loan is not my responsibility"),
    (["dispute"], "{open}my phone was hacked and somebody took this loan through the app"),
    (["dispute"], "{open}someone misused my Aadhaar, I never applied for anything"),
    (["dispute"], "{open}a fraudster opened this using my PAN card"),
    (["dispute"], "{open}I've already filed a cyber crime complaint about this fake loan"),
    (["dispute"], "{open}the amount was never disbursed to my account"),
    (["dispute"], "{open}I cancelled within the cooling-off period, so there is nothing to repay"),
    (["dispute"], "{open}I agreed to a free trial, never to a loan"),
    (["dispute"], "{open}I'm contesting the whole balance"),
    (["dispute"], "{open}I have complained to the ombudsman about this account"),
    (["dispute"], "{open}show me the signed paperwork, I don't believe I owe you a rupee"),
    (["dispute"], "{open}who says I owe this? I want it in writing with proof"),
    (["dispute"], "{open}I've paid every instalment, your records are the problem"),
    (["dispute"], "{open}you already took this from my account once, you can't collect it twice"),
    (["dispute"], "{open}that was my late father's loan, not mine"),
    (["dispute"], "{open}my ex-husband took this loan, I had nothing to do with it"),
    (["dispute"], "{open}I returned the phone, the EMI plan should have been cancelled with it"),
    (["dispute"], "{open}the shop cancelled my order, so why am I still being charged"),
    (["dispute"], "{open}my last payment was never applied, that's why the balance is wrong"),
    (["dispute"], "{open}no, that amount is incorrect"),
    (["dispute"], "{open}this is a mistake on your side, correct it before you call me"),
    (["dispute"], "{open}I object to this demand, the account was settled in full"),
    (["dispute"], "{open}maine pichle mahine hi poora paisa bhar diya tha"),
    (["dispute"], "{open}ye {hcharge} kyun lagaya, maine time pe bhara tha"),
    (["dispute"], "{open}mere naam pe kisi ne fraud karke loan liya hai"),
    (["dispute"], "{open}mera loan to band ho chuka hai, NOC bhi hai mere paas"),
    (["dispute"], "{open}ye amount galat hai, maine sirf {amt} liya tha"),
    (["dispute"], "{open}paisa mere account mein kabhi aaya hi nahi"),
    (["dispute"], "{open}EMI to auto debit se kat chuki hai, phir bhi aap baaki bol rahe ho"),
    (["dispute"], "{open}main ye maanta hi nahi, mera koi karza nahi banta"),
    (["dispute"], "{open}मैंने पूरा पैसा पहले ही चुका दिया है"),
    (["dispute"], "{open}ये रकम गलत है, मैंने इतना लिया ही नहीं"),
    (["dispute"], "{open}मेरे नाम पर किसी ने धोखे से लोन लिया है"),
    (["dispute"], "{open}मुझे ये पैसा कभी मिला ही नहीं"),
    (["dispute", "stop_contact"], "{open}I've told you it's been paid, don't call me about it again"),
    ([], "{open}can you explain what this {charge} is for"),
    ([], "{open}is the {charge} included in that amount"),
    ([], "{open}can you waive the {charge} this one time"),
    ([], "{open}how do I get the NOC once I've paid it off"),
    ([], "{open}can I get a copy of my loan agreement"),
    ([], "{open}when will my payment from {day_past} show up"),
    ([], "{open}{hcharge} kitna laga hai"),
    ([], "{open}मेरा कितना बाकी है"),
    (["wrong_party"], "{open}there's no one here by the name {name}"),
    (["wrong_party"], "{open}this is a company landline, nobody called {name} works here"),
    (["wrong_party"], "{open}I bought this SIM recently, your calls are for the old owner"),
    (["wrong_party"], "{open}I'm not your borrower, you've mixed me up with someone"),
    (["wrong_party"], "{open}I'm not who you think I am"),
    (["wrong_party"], "{open}wrong person, I don't know any {name}"),
    (["wrong_party"], "{open}this is my personal number and I am not {name}"),
    (["wrong_party"], "{open}lagta hai aapne galat number dial kiya hai"),
    (["wrong_party"], "{open}is naam ka koi banda yahan nahi hai"),
    (["wrong_party"], "{open}ye number ab mera hai, pehle kisi aur ka tha"),
    (["wrong_party"], "{open}main unko jaanta bhi nahi"),
    (["wrong_party"], "{open}मैं {name} नहीं हूँ"),
    (["wrong_party"], "{open}इस नाम का कोई यहाँ नहीं रहता"),
    (["third_party"], "{open}{he} is in the bathroom, I'm {his} {rel}, I'll pass it on"),
    (["third_party"], "{open}{name} is driving, I'm holding the phone for {him}"),
    (["third_party"], "{open}{name}'s out, this is the {rel}, what is it regarding"),
    (["third_party"], "{open}I'm {his} {rel}, {he} asked me to handle these calls"),
    (["third_party"], "{open}I've got you on loudspeaker, the whole family is here"),
    (["third_party"], "{open}we're all listening, go on"),
    (["third_party"], "{open}my {rel} is on the other extension"),
    (["third_party"], "{open}{name} ghar pe nahi hain, mujhe bata dijiye, main unki {hrel} hoon"),
    (["third_party"], "{open}main {name} ka {hrel} hoon, woh abhi phone nahi utha sakte"),
    (["third_party"], "{open}{name} की पत्नी बोल रही हूँ, वो घर पर नहीं हैं"),
    (["third_party"], "{open}सब लोग सुन रहे हैं, फोन स्पीकर पर है"),
    (["threat"], "{open}we know where you work"),
    (["threat"], "{open}our recovery team will visit you tonight and it won't be pleasant"),
    (["threat"], "{open}we'll put your photo on social media as a defaulter"),
    (["threat"], "{open}we'll call everyone in your contact list and tell them you're a cheat"),
    (["threat"], "{open}you'll be behind bars by next week"),
    (["threat"], "{open}we will file an FIR against you"),
    (["threat"], "{open}think about your family's safety"),
    (["threat"], "{open}we will sue you and take everything you own"),
    (["threat"], "{open}you'll be sued and we'll drag you to court"),
    (["threat"], "{open}tumhare ghar wale sab jaan jayenge"),
    (["threat"], "{open}tujhe jail bhijwa denge"),
    (["threat"], "{open}hum tumhari gaadi utha le jayenge"),
    (["threat"], "{open}तुम्हें जेल भेज देंगे"),
    (["threat"], "{open}हम तुम्हारे घर आ जाएंगे, फिर देखना"),
    ([], "{open}we are not going to sue you, let's find a plan"),
    ([], "{open}no legal action has been started on your account"),
    ([], "{open}we won't take this to court, we'd rather agree a schedule"),
    ([], "{open}nobody is going to come to your house"),
    (["hardship"], "{open}I've had no work for three months now"),
    (["hardship"], "{open}my pension is all I have and it doesn't cover the basics"),
    (["hardship"], "{open}the doctor's bills took every rupee of my savings"),
    (["hardship"], "{open}we had a flood and lost everything in the house"),
    (["hardship"], "{open}I'm a daily wage worker and there's been no work"),
    (["hardship"], "{open}kaam nahi mil raha, ghar chalana mushkil hai"),
    (["hardship"], "{open}मेरा काम बंद हो गया है, घर चलाना मुश्किल है"),
    (["stop_contact"], "{open}I request that you stop all contact with me"),
    (["stop_contact"], "{open}communicate with me only in writing from now on"),
    (["stop_contact"], "{open}I'm withdrawing permission for you to phone me"),
    (["stop_contact"], "{open}stop harassing me with these calls"),
    (["stop_contact"], "{open}ab koi call nahi chahiye mujhe"),
    (["stop_contact"], "{open}मुझे फोन करना बंद करो"),
    # Questions about the balance, the statement or closing are not disputes, and naming oneself is
    # not a third party: round two's disputes made the model read them so, and these say otherwise.
    ([], "{open}what's my balance as of today"),
    ([], "{open}could you break down the amount for me"),
    ([], "{open}how much interest have I paid so far"),
    ([], "{open}what do I need to pay to close the loan"),
    ([], "{open}will I get a certificate when it's all paid"),
    ([], "{open}my EMI date is the 5th, right"),
    ([], "{open}is the {charge} refundable"),
    ([], "{open}please send the statement to my email"),
    ([], "{open}I'd like to know the foreclosure amount"),
    ([], "{open}mera statement bhej do WhatsApp pe"),
    ([], "{open}loan band karne ke liye kitna dena hoga"),
    ([], "{open}कुल कितना भरना है मुझे"),
    ([], "{open}speaking, this is {name} herself"),
    ([], "{open}yes yes, it's me, {name}"),
    ([], "{open}ji, {name} here"),
    ([], "{open}haan main hi {name} hoon"),
    ([], "{open}when do you think you can make a payment"),
    ([], "{open}I don't know yet when the money will come"),
    ([], "{open}we can talk again once your salary comes"),
    ([], "{open}the branch manager may call you to discuss options"),
    (["hardship"], "{open}there is no money coming in at all right now"),
    (["hardship"], "{open}aajkal koi kamai nahi ho rahi"),
    (["third_party"], "{open}mera {hrel} bhi line pe hai"),
    (["third_party"], "{open}my {rel} is listening in"),
    (["wrong_party"], "{open}aapne galat aadmi ko phone kiya hai"),
    (["wrong_party"], "{open}I've had this number for years and there's never been a {name}"),
    (["threat"], "{open}we'll shame you in front of your whole society"),
    (["threat"], "{open}we'll message all your relatives about your loan"),
    # Borrowers apologise all the time; "sorry" alone says nothing about the number being wrong.
    (["hardship"], "{open}I'm so sorry, {reason}"),
    (["hardship"], "{open}sorry for the delay, {reason_lc} and money is very tight"),
    ([], "{open}sorry, I missed your call yesterday"),
    ([], "{open}sorry, could you say that again"),
    ([], "{open}sorry, I was in a meeting, go ahead"),
    ([], "{open}I know, I know, I'm sorry it's late"),
    ([], "{open}maaf kijiye, pichli baar phone nahi utha paya"),
]

PAST_DAYS = ["last week", "on the 3rd", "in October", "yesterday", "two months ago", "last Friday"]


def _fill(template: str, rng: random.Random) -> str:
    def pick(match: re.Match) -> str:
        slot = match.group(1)
        if slot == "reason_lc":
            r = rng.choice(SLOTS["reason"])
            return r[0].lower() + r[1:]
        if slot == "day_past":
            return rng.choice(PAST_DAYS)
        return rng.choice(SLOTS[slot])
    text = re.sub(r"\{(\w+)\}", pick, template)
    # People on the phone do not capitalise or punctuate; transcripts vary.
    text = text.strip()
    style = rng.random()
    if style < 0.3:
        text = text.lower()
    elif style < 0.6:
        text = text[0].upper() + text[1:] + rng.choice([".", "", "!", "..."])
    return text


# Two templates are near-duplicates when their words (slots as words, the opener left out) overlap
# by this much (Jaccard); near-duplicates, and anything chained to them, are one family.
NEAR_DUPLICATE = 0.4


def template_words(template: str) -> set[str]:
    from .featurize import tokens
    return set(tokens(template.replace("{open}", "")))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def families(templates: list[tuple[list[str], str]] = T, threshold: float = NEAR_DUPLICATE) -> list[int]:
    """Each template's family: the lowest template index among those linked to it by near-duplicate pairs."""
    words = [template_words(t) for _, t in templates]
    parent = list(range(len(templates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(templates)):
        for j in range(i + 1, len(templates)):
            if jaccard(words[i], words[j]) >= threshold:
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(len(templates))]


def generate(seed: int = 11, per_template: int = 16) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    family = families()
    for group, (labels, template) in enumerate(T):
        seen: set[str] = set()
        has_slots = "{" in template.replace("{open}", "")
        target = per_template if has_slots else 10
        for _ in range(target * 4):
            if len(seen) >= target:
                break
            text = _fill(template, rng)
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            rows.append({"text": text, "labels": sorted(labels, key=LABELS.index), "group": group, "family": family[group]})
    return rows
