//! The runtime API's queries: channel pages and claim previews.

use super::*;

#[test]
fn channel_pages_are_ascending_and_resume_after_the_cursor() {
	run_test(|| {
		let bob = account_of(consumer_ed().public());
		let mut mine = Vec::new();
		for i in 0..7 {
			let who = if i % 3 == 1 { bob.clone() } else { alice() };
			let id = open(who.clone(), 100);
			if who == alice() {
				mine.push(id);
			}
		}
		let first = Pay::channels_of_consumer(&alice(), None, 3);
		let ids: Vec<ChannelId> = first.channels.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, mine[..3].to_vec());
		assert_eq!(first.next_cursor, Some(mine[2]));
		let rest = Pay::channels_of_consumer(&alice(), first.next_cursor, 3);
		let ids: Vec<ChannelId> = rest.channels.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, mine[3..].to_vec());
		assert_eq!(rest.next_cursor, None);
		// The provider sees all seven; a limit of 0 still returns one.
		assert_eq!(Pay::channels_of_provider(&provider(), None, 100).channels.len(), 7);
		assert_eq!(Pay::channels_of_provider(&provider(), None, 0).channels.len(), 1);
		assert!(Pay::channels_of_consumer(&payee(), None, 10).channels.is_empty());
		// Closed channels leave the pages.
		assert_ok!(Payments::close(RuntimeOrigin::signed(provider()), mine[0], None));
		assert_eq!(Pay::channels_of_consumer(&alice(), None, 100).channels.len(), mine.len() - 1);
	});
}

#[test]
fn claimable_previews_exactly_what_claim_pays() {
	run_test(|| {
		let id = open(alice(), 1_000);
		assert_eq!(Pay::claimable(99, 1), Err(Error::<Test>::UnknownChannel.into()));
		assert_eq!(Pay::claimable(id, 0), Err(Error::<Test>::UnitsNotIncreasing.into()));
		assert_eq!(
			Pay::claimable(id, u64::MAX).map(|c| c.shortfall),
			Ok(u64::MAX as u128 * PRICE - 1_000)
		);
		let preview = Pay::claimable(id, 100).expect("claimable");
		assert_eq!(preview.units, 100);
		assert_eq!(preview.owed, 700);
		assert_eq!(preview.amount, 700);
		assert_eq!(preview.fee, 14);
		assert_eq!(preview.payee_amount, 686);
		assert_eq!(preview.shortfall, 0);
		let payee_before = Balances::balance(&payee());
		assert_ok!(Payments::claim(RuntimeOrigin::signed(provider()), id, 100, sign_sr(id, 100)));
		assert_eq!(Balances::balance(&payee()), payee_before + preview.payee_amount);
		assert_eq!(
			last_event(),
			Event::Claimed { channel_id: id, units: 100, amount: 700, fee: 14, shortfall: 0 }
				.into()
		);
		// Beyond the remaining 300: the preview names the shortfall.
		let short = Pay::claimable(id, 200).expect("claimable");
		assert_eq!((short.amount, short.shortfall), (300, 400));
		assert_eq!(Pay::claimable(id, 100), Err(Error::<Test>::UnitsNotIncreasing.into()));
	});
}
