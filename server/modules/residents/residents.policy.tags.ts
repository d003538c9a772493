// The rule for restricted tags alone, without SQL: the import's worker thread reads rows with it.
import { RESTRICTED_TAGS } from '../../../common/codes/tag.codes';
import type { Actor } from '../../lib/actor';

/**
 * Restricted tags (社区矫正, 社区戒毒/康复, 家庭暴力受害人) exist only for users given that right for
 * the resident's community.
 */
export function canSeeTag(actor: Pick<Actor, 'restrictedCommunityIds'>, communityId: string, tag: string): boolean {
  return !RESTRICTED_TAGS.includes(tag) || actor.restrictedCommunityIds.includes(communityId);
}
